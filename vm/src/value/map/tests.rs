//! Flatmap / hashmap unit tests: the 32/33 boundary, removal back to a flatmap, in-place
//! versus shared updates, hash collisions and the OTP 25 hash itself.

use super::hamt::{Hamt, Leaf};
use super::hash::map_hash;
use super::MapT;
use crate::value::term::Term;
use std::rc::Rc;

fn int_map(n: i64) -> MapT {
    (1..=n).map(|i| (Term::Int(i), Term::Int(i * 10))).collect()
}

#[test]
fn boundary_32_33_and_back() {
    let mut m = int_map(32);
    assert!(!m.is_hashmap());
    let keys: Vec<Term> = m.keys().cloned().collect();
    assert_eq!(keys, (1..=32).map(Term::Int).collect::<Vec<_>>(), "a flatmap iterates in term order");
    m.insert(Term::Int(33), Term::Int(330));
    assert!(m.is_hashmap());
    assert_eq!(m.len(), 33);
    for i in 1..=33 {
        assert_eq!(m.get(&Term::Int(i)), Some(&Term::Int(i * 10)));
    }
    assert_eq!(m.get(&Term::Int(34)), None);
    assert_eq!(m.get(&Term::Float(1.0)), None, "1.0 is not the key 1");
    assert_eq!(m.remove(&Term::Int(34)), None);
    assert!(m.is_hashmap());
    assert_eq!(m.remove(&Term::Int(7)), Some(Term::Int(70)));
    assert!(!m.is_hashmap(), "a hashmap shrunk to 32 keys is a flatmap again (OTP 25)");
    let keys: Vec<Term> = m.keys().cloned().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(m.len(), 32);
}

#[test]
fn hash_order_of_33_small_integers_is_the_beams() {
    // `Map.keys(Map.new(1..33, &{&1, &1}))` on Elixir 1.14 / OTP 25.
    let want = [33, 12, 23, 29, 30, 26, 31, 11, 9, 32, 25, 28, 6, 13, 20, 15, 14, 2, 7, 1, 8, 3, 17, 22, 21, 4, 24, 10, 27, 19, 5, 18, 16];
    let m = int_map(33);
    let got: Vec<i64> = m.keys().map(|k| if let Term::Int(i) = k { *i } else { -1 }).collect();
    assert_eq!(got, want);
}

#[test]
fn zero_and_negative_zero_are_one_key() {
    assert_eq!(map_hash(&Term::Float(0.0), 0), map_hash(&Term::Float(-0.0), 0));
    assert_ne!(map_hash(&Term::Int(1), 0), map_hash(&Term::Float(1.0), 0));
    let mut m = int_map(40);
    m.insert(Term::Float(0.0), Term::Int(1));
    m.insert(Term::Float(-0.0), Term::Int(2));
    assert_eq!(m.len(), 41);
    assert_eq!(m.get(&Term::Float(0.0)), Some(&Term::Int(2)));
}

#[test]
fn big_maps_insert_get_remove() {
    let mut m = MapT::new();
    for i in 0..5000i64 {
        m.insert(Term::Int(i * 7919), Term::Int(i));
    }
    assert_eq!(m.len(), 5000);
    assert_eq!(m.iter().count(), 5000);
    for i in 0..5000i64 {
        assert_eq!(m.get(&Term::Int(i * 7919)), Some(&Term::Int(i)));
    }
    for i in (0..5000i64).filter(|i| i % 3 != 0) {
        assert_eq!(m.remove(&Term::Int(i * 7919)), Some(Term::Int(i)));
    }
    assert_eq!(m.len(), 1667);
    for i in 0..5000i64 {
        assert_eq!(m.get(&Term::Int(i * 7919)).is_some(), i % 3 == 0);
    }
    // The shape depends only on the key set: same order as a map built from scratch.
    let fresh: MapT = (0..5000i64).filter(|i| i % 3 == 0).map(|i| (Term::Int(i * 7919), Term::Int(i))).collect();
    assert!(m.iter().eq(fresh.iter()));
}

#[test]
fn shared_update_leaves_the_original_unchanged() {
    for n in [10, 40, 1000] {
        let original = Rc::new(int_map(n));
        let mut copy = original.clone();
        MapT::put(&mut copy, Term::Int(5), Term::atom("new"));
        MapT::put(&mut copy, Term::Int(n + 1), Term::Int(0));
        MapT::delete(&mut copy, &Term::Int(1));
        assert_eq!(original.len() as i64, n);
        assert_eq!(original.get(&Term::Int(5)), Some(&Term::Int(50)));
        assert_eq!(original.get(&Term::Int(1)), Some(&Term::Int(10)));
        assert_eq!(original.get(&Term::Int(n + 1)), None);
        assert_eq!(copy.get(&Term::Int(5)), Some(&Term::atom("new")));
        assert_eq!(copy.get(&Term::Int(1)), None);
    }
}

#[test]
fn unique_update_is_in_place() {
    for n in [10, 40, 1000] {
        let mut m = Rc::new(int_map(n));
        let before = Rc::as_ptr(&m);
        MapT::put(&mut m, Term::Int(3), Term::Int(0));
        MapT::put(&mut m, Term::Int(n + 5), Term::Int(0));
        MapT::delete(&mut m, &Term::Int(2));
        assert_eq!(Rc::as_ptr(&m), before, "a unique map is updated without a copy");
        assert_eq!(m.get(&Term::Int(3)), Some(&Term::Int(0)));
    }
}

#[test]
fn full_hash_collisions_go_deeper_and_stay_findable() {
    // Two distinct keys forced to the same salt-0 hash: they separate after level 8 (rehash
    // with salt 1) or share a collision bucket; either way both are found and removable.
    let mut h = Hamt::default();
    let (a, b) = (Term::Int(1), Term::Int(2));
    h.insert(7, a.clone(), Term::Int(10));
    h.insert(7, b.clone(), Term::Int(20));
    h.insert(map_hash(&Term::Int(3), 0), Term::Int(3), Term::Int(30));
    assert_eq!(h.len, 3);
    assert_eq!(h.get(7, &a), Some(&Term::Int(10)));
    assert_eq!(h.get(7, &b), Some(&Term::Int(20)));
    assert_eq!(h.iter().count(), 3);
    assert_eq!(h.remove(7, &a), Some(Term::Int(10)));
    assert_eq!(h.get(7, &b), Some(&Term::Int(20)));
    assert_eq!(h.get(7, &a), None);
    let _ = Leaf { hash: 0, key: Term::Nil, val: Term::Nil };
}

#[test]
fn hash_of_deep_keys_does_not_recurse() {
    let mut t = Term::Nil;
    for _ in 0..1_000_000 {
        t = Term::tuple(vec![t]);
    }
    let h = map_hash(&t, 0);
    assert_eq!(h, map_hash(&t, 0));
    // Dropping the nested tuple does not recurse either (see value/tuple.rs).
    drop(t);
}

#[test]
fn maps_as_keys_hash_alike_whatever_the_history() {
    let a: MapT = (1..=40).map(|i| (Term::Int(i), Term::Int(i))).collect();
    let mut b: MapT = (1..=45).rev().map(|i| (Term::Int(i), Term::Int(i))).collect();
    for i in 41..=45 {
        b.remove(&Term::Int(i));
    }
    let (ta, tb) = (Term::map(a), Term::map(b));
    assert_eq!(ta, tb);
    assert_eq!(map_hash(&ta, 0), map_hash(&tb, 0));
}

/// Inserting into a trie node moves the children out of a node held once and frees the old
/// block without dropping them (`hamt::insert_child`), and copies a shared node: every value
/// keeps exactly the references it should, the shared copy is untouched, and dropping the
/// maps releases everything.
#[test]
fn trie_inserts_move_children_of_unique_nodes_and_copy_shared_ones() {
    let val = Term::binary(b"shared value".to_vec());
    let Term::Binary(rc) = &val else { unreachable!() };
    let mut m = MapT::default();
    for i in 0..2000 {
        m.insert(Term::Int(i), val.clone());
    }
    assert_eq!(Rc::strong_count(rc), 2001, "each value held once by the map, once here");
    let snapshot = m.clone();
    for i in 2000..3000 {
        m.insert(Term::Int(i), val.clone());
    }
    // The nodes on the new keys' paths were shared: copied, with their leaves.
    assert!(Rc::strong_count(rc) > 3001, "{}", Rc::strong_count(rc));
    assert_eq!(snapshot.len(), 2000);
    assert_eq!(m.len(), 3000);
    assert_eq!(snapshot.get(&Term::Int(2500)), None);
    for i in 0..3000 {
        assert_eq!(m.get(&Term::Int(i)), Some(&val));
    }
    drop(snapshot);
    assert_eq!(Rc::strong_count(rc), 3001);
    drop(m);
    assert_eq!(Rc::strong_count(rc), 1);
}
