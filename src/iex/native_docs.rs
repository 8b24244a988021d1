//! Signatures, specs and a line of doc for natives, for `h` at the prompt: a native has no
//! source clause to read its signature from (`docs.rs`) and no `@doc`. The native tables
//! (`vm/src/bif/*.rs`, `&[(name, arity, fn)]`) stay as they are; this table, read only by `h`,
//! covers the `Kernel` functions that are natives (and so their `:erlang` spellings, see
//! `kernel::ALIASES`). The specs are Elixir 1.14's (`Kernel`'s `@spec`s); the lines are ours.

/// `(name, arity, signature arguments, spec, doc)` of a `Kernel` native.
const KERNEL: &[(&str, u8, &str, &str, &str)] = &[
    ("hd", 1, "list", "hd(nonempty_maybe_improper_list(elem, any())) :: elem when elem: term()", "Returns the head of a list. Raises `ArgumentError` if the list is empty."),
    ("tl", 1, "list", "tl(nonempty_maybe_improper_list(elem, last)) :: maybe_improper_list(elem, last) | last when elem: term(), last: term()", "Returns the tail of a list. Raises `ArgumentError` if the list is empty."),
    ("length", 1, "list", "length(list()) :: non_neg_integer()", "Returns the length of `list`."),
    ("elem", 2, "tuple, index", "elem(tuple(), non_neg_integer()) :: term()", "Gets the element at the zero-based `index` in `tuple`. Raises `ArgumentError` when the index is out of range."),
    ("put_elem", 3, "tuple, index, value", "put_elem(tuple(), non_neg_integer(), term()) :: tuple()", "Puts `value` at the zero-based `index` in `tuple`."),
    ("tuple_size", 1, "tuple", "tuple_size(tuple()) :: non_neg_integer()", "Returns the size of a tuple."),
    ("map_size", 1, "map", "map_size(map()) :: non_neg_integer()", "Returns the size of a map (its number of keys)."),
    ("byte_size", 1, "bitstring", "byte_size(bitstring()) :: non_neg_integer()", "Returns the number of bytes needed to contain `bitstring`."),
    ("bit_size", 1, "bitstring", "bit_size(bitstring()) :: non_neg_integer()", "Returns an integer which is the size in bits of `bitstring`."),
    ("abs", 1, "number", "abs(number()) :: number()", "Returns an integer or float which is the arithmetical absolute value of `number`."),
    ("div", 2, "dividend, divisor", "div(integer(), neg_integer() | pos_integer()) :: integer()", "Performs an integer division, truncated towards zero. Raises `ArithmeticError` on a zero divisor."),
    ("rem", 2, "dividend, divisor", "rem(integer(), neg_integer() | pos_integer()) :: integer()", "Computes the remainder of an integer division (truncated: it has the sign of `dividend`)."),
    ("round", 1, "number", "round(number()) :: integer()", "Rounds a number to the nearest integer, half away from zero."),
    ("trunc", 1, "number", "trunc(number()) :: integer()", "Returns the integer part of `number`."),
    ("floor", 1, "number", "floor(number()) :: integer()", "Returns the largest integer smaller than or equal to `number`."),
    ("ceil", 1, "number", "ceil(number()) :: integer()", "Returns the smallest integer greater than or equal to `number`."),
    ("max", 2, "first, second", "max(first, second) :: first | second when first: term(), second: term()", "Returns the bigger of the two terms in Erlang's term order (the first if they compare equal)."),
    ("min", 2, "first, second", "min(first, second) :: first | second when first: term(), second: term()", "Returns the smaller of the two terms in Erlang's term order (the first if they compare equal)."),
    ("not", 1, "value", "not(true) :: false; not(false) :: true", "Strictly boolean \"not\": raises `ArgumentError` unless `value` is a boolean."),
    ("self", 0, "", "self() :: pid()", "Returns the PID of the calling process."),
    ("send", 2, "dest, message", "send(dest :: Process.dest(), message) :: message when message: any()", "Sends `message` to `dest` (a pid, a port, a registered name or `{name, node}`) and returns it."),
    ("spawn", 1, "fun", "spawn((-> any())) :: pid()", "Spawns the given function and returns its PID."),
    ("spawn", 3, "module, fun, args", "spawn(module(), atom(), list()) :: pid()", "Spawns `apply(module, fun, args)` and returns its PID."),
    ("spawn_link", 1, "fun", "spawn_link((-> any())) :: pid()", "Spawns the given function, links it to the calling process and returns its PID."),
    ("spawn_link", 3, "module, fun, args", "spawn_link(module(), atom(), list()) :: pid()", "Spawns `apply(module, fun, args)`, links it to the calling process and returns its PID."),
    ("spawn_monitor", 1, "fun", "spawn_monitor((-> any())) :: {pid(), reference()}", "Spawns the given function, monitors it and returns its PID and the monitor's reference."),
    ("spawn_monitor", 3, "module, fun, args", "spawn_monitor(module(), atom(), list()) :: {pid(), reference()}", "Spawns `apply(module, fun, args)`, monitors it and returns its PID and the monitor's reference."),
    ("make_ref", 0, "", "make_ref() :: reference()", "Returns an almost unique reference."),
    ("node", 0, "", "node() :: node()", "Returns an atom naming the local node (`:nonode@nohost` when not distributed)."),
    ("apply", 2, "fun, args", "apply((... -> any()), [any()]) :: any()", "Invokes `fun` with the list of arguments `args`."),
    ("apply", 3, "module, function_name, args", "apply(module(), function_name :: atom(), [any()]) :: any()", "Invokes `function_name` of `module` with the list of arguments `args`."),
    ("is_atom", 1, "term", "is_atom(term()) :: boolean()", "Returns `true` if `term` is an atom."),
    ("is_binary", 1, "term", "is_binary(term()) :: boolean()", "Returns `true` if `term` is a binary (a bitstring of whole bytes)."),
    ("is_bitstring", 1, "term", "is_bitstring(term()) :: boolean()", "Returns `true` if `term` is a bitstring (binaries included)."),
    ("is_boolean", 1, "term", "is_boolean(term()) :: boolean()", "Returns `true` if `term` is `true` or `false`."),
    ("is_float", 1, "term", "is_float(term()) :: boolean()", "Returns `true` if `term` is a float."),
    ("is_function", 1, "term", "is_function(term()) :: boolean()", "Returns `true` if `term` is a function."),
    ("is_function", 2, "term, arity", "is_function(term(), non_neg_integer()) :: boolean()", "Returns `true` if `term` is a function of `arity` arguments."),
    ("is_integer", 1, "term", "is_integer(term()) :: boolean()", "Returns `true` if `term` is an integer."),
    ("is_list", 1, "term", "is_list(term()) :: boolean()", "Returns `true` if `term` is a list with zero or more elements."),
    ("is_map", 1, "term", "is_map(term()) :: boolean()", "Returns `true` if `term` is a map (structs included)."),
    ("is_number", 1, "term", "is_number(term()) :: boolean()", "Returns `true` if `term` is an integer or a float."),
    ("is_pid", 1, "term", "is_pid(term()) :: boolean()", "Returns `true` if `term` is a PID."),
    ("is_port", 1, "term", "is_port(term()) :: boolean()", "Returns `true` if `term` is a port identifier."),
    ("is_reference", 1, "term", "is_reference(term()) :: boolean()", "Returns `true` if `term` is a reference."),
    ("is_tuple", 1, "term", "is_tuple(term()) :: boolean()", "Returns `true` if `term` is a tuple."),
    ("binary_part", 3, "binary, start, size", "binary_part(binary(), non_neg_integer(), integer()) :: binary()", "Extracts the part of `binary` at zero-based `start` of length `size` (a negative size counts backwards)."),
    ("tuple_to_list", 1, "tuple", "tuple_to_list(tuple()) :: list()", "Converts a tuple to a list."),
    ("list_to_tuple", 1, "list", "list_to_tuple(list()) :: tuple()", "Converts a list to a tuple."),
    ("float", 1, "number", "float(number()) :: float()", "Converts `number` to a float."),
];

/// The `h` block parts of the native `module.name/arity`: the signature line
/// (`def hd(list)`) and the text under it (the `@spec` line and the doc, as IEx lays them out),
/// or `None` when the table has no entry. `:erlang`'s spellings of `Kernel` natives share
/// `Kernel`'s entries.
pub fn native_doc(module: &str, name: &str, arity: usize) -> Option<(String, String)> {
    if module != "Elixir.Kernel" && module != "erlang" {
        return None;
    }
    let (_, _, args, spec, doc) = KERNEL.iter().find(|(n, a, ..)| *n == name && *a as usize == arity)?;
    Some((format!("def {name}({args})"), format!("  @spec {spec}\n\n{doc}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_natives_and_their_erlang_spellings_have_a_signature_spec_and_doc() {
        let (sig, text) = native_doc("Elixir.Kernel", "hd", 1).unwrap();
        assert_eq!(sig, "def hd(list)");
        assert!(text.starts_with("  @spec hd(nonempty_maybe_improper_list"), "{text}");
        assert!(text.ends_with("Raises `ArgumentError` if the list is empty."), "{text}");
        assert_eq!(native_doc("erlang", "hd", 1).map(|d| d.0), Some("def hd(list)".to_string()));
        assert_eq!(native_doc("Elixir.Kernel", "self", 0).map(|d| d.0), Some("def self()".to_string()));
        assert!(native_doc("Elixir.Kernel", "hd", 2).is_none());
        assert!(native_doc("Elixir.Enum", "hd", 1).is_none());
    }

    #[test]
    fn each_entry_is_listed_once() {
        for (i, (n, a, ..)) in KERNEL.iter().enumerate() {
            assert!(!KERNEL[i + 1..].iter().any(|(m, b, ..)| m == n && a == b), "{n}/{a} twice");
        }
    }
}
