//! Runs `examples/embed.rs` (two VMs on two threads, each with its own host function and hot
//! code load) and checks what each computed.

#[path = "../examples/embed.rs"]
mod embed_example;

#[test]
fn two_vms_on_two_threads_compute_with_their_own_host_functions_and_code() {
    let lines = embed_example::run();
    assert_eq!(
        lines,
        vec![
            "vm-a: Calc v1 computed 22",
            "vm-a: Calc v2 computed 2100",
            "vm-a: Engine::call gives 2100",
            "vm-a: 1 modules with old code, 2 processes alive, reductions > 0: true",
            "vm-b: Calc v1 computed \"hello, ada\"",
            "vm-b: Calc v2 computed \"HELLO, ADA!\"",
            "vm-b: Engine::call gives \"HELLO, ADA!\"",
            "vm-b: 1 modules with old code, 2 processes alive, reductions > 0: true",
        ]
    );
}
