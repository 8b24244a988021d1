defmodule ExUnit do
  @moduledoc """
  ExUnit, written in the language. `use ExUnit.Case`, `test`, `describe`, `setup` and the
  assertion macros are lowered by the compiler (compiler/src/codegen/exunit.rs): a test module
  gets one function per test and `__ex_unit__/0` describing them; this module runs them.

  `ExUnit.start/1` records the configuration in the `ExUnit.Server` process; `retort run`
  runs the test modules of the script once its top-level code has finished (as `elixir
  file.exs` does), and `retort test` runs those of every file it loaded.

  The order is the one Elixir 1.14 uses with `seed: 0`, whatever the seed: modules with
  `async: true` first, each group in reverse order of definition, and the tests of a module
  in definition order (skipped ones reported first). Async modules run one after the other.
  The seed printed is the configured one (0 by default). A failing suite exits with status 2,
  as `mix test` and `elixir file.exs` do (`exit_status:` changes it).
  """

  def start(options \\ []) do
    case Process.whereis(ExUnit.Server) do
      nil ->
        pid = spawn(fn -> ExUnit.Server.loop(Keyword.merge(default_config(), options)) end)
        Process.register(pid, ExUnit.Server)

      _pid ->
        configure(options)
    end

    :ok
  end

  def configure(options) do
    case Process.whereis(ExUnit.Server) do
      nil -> start(options)
      pid -> send(pid, {:configure, options})
    end

    :ok
  end

  def configuration do
    case Process.whereis(ExUnit.Server) do
      nil ->
        default_config()

      pid ->
        ref = make_ref()
        send(pid, {:configuration, self(), ref})

        receive do
          {^ref, config} -> config
        end
    end
  end

  @doc false
  def default_config do
    [
      assert_receive_timeout: 100,
      refute_receive_timeout: 100,
      timeout: 60000,
      exclude: [],
      include: [],
      seed: 0,
      max_cases: 1,
      autorun: true,
      exit_status: 2
    ]
  end
end

defmodule ExUnit.Server do
  @moduledoc false

  def loop(config) do
    receive do
      {:configure, options} ->
        loop(Keyword.merge(config, options))

      {:configuration, from, ref} ->
        send(from, {ref, config})
        loop(config)
    end
  end
end

defmodule ExUnit.AssertionError do
  defexception left: :ex_unit_no_meaningful_value,
               right: :ex_unit_no_meaningful_value,
               message: "Assertion failed",
               expr: :ex_unit_no_meaningful_value,
               mailbox: []

  def message(exception), do: exception.message
end

defmodule ExUnit.TimeoutError do
  defexception [:timeout, :type]

  def message(%{timeout: timeout, type: type}) do
    "#{type} timed out after #{timeout}ms. You can change the timeout:\n\n" <>
      "  1. per test by setting \"@tag timeout: x\" (accepts :infinity)\n" <>
      "  2. per test module by setting \"@moduletag timeout: x\" (accepts :infinity)\n" <>
      "  3. globally via \"ExUnit.start(timeout: x)\" configuration\n" <>
      "  4. by running \"mix test --timeout x\" which sets timeout\n" <>
      "  5. or by running \"mix test --trace\" which sets timeout to infinity\n" <>
      "     (useful when using IEx.pry/0)\n\n" <>
      "where \"x\" is the timeout given as integer in milliseconds (defaults to 60_000).\n"
  end
end

defmodule ExUnit.Callbacks do
  @moduledoc "`on_exit/1,2`: callbacks run by the runner after the test process has ended."

  def on_exit(name_or_ref \\ make_ref(), callback) when is_function(callback, 0) do
    case Process.get(:ex_unit_runner) do
      nil -> raise ArgumentError, "on_exit/2 can only be invoked from the test process"
      runner -> send(runner, {:ex_unit_on_exit, self(), name_or_ref, callback})
    end

    :ok
  end
end

defmodule ExUnit.Assertions do
  @moduledoc """
  The assertion functions. `assert`, `refute`, `assert_receive` & co. are rewritten by the
  compiler into code that calls the `__*_failed__` functions below with the source text of
  the assertion; `assert/2`, `refute/2`, `assert_raise/2,3`, `assert_in_delta/3,4` and
  `flunk/0,1` are plain functions.
  """

  @no_value :ex_unit_no_meaningful_value

  def assert(value, message) when is_binary(message) do
    if value, do: true, else: flunk(message)
  end

  def refute(value, message) when is_binary(message) do
    if value, do: flunk(message), else: false
  end

  def flunk(message \\ "Flunked!") when is_binary(message) do
    raise ExUnit.AssertionError, message: message
  end

  @doc """
  `catch_error/1`, `catch_throw/1`, `catch_exit/1` (lowered by the compiler to this with the
  expression in a fun): the value of class `kind` that `fun` raised, threw or exited with;
  fails the test when it returned normally. Other classes pass through.
  """
  def __catch__(kind, fun) do
    caught =
      try do
        _ = fun.()
        nil
      catch
        k, value when k == kind -> {:caught, value}
      end

    case caught do
      {:caught, value} -> value
      nil -> flunk("Expected to catch #{kind}, got nothing")
    end
  end

  def assert_raise(exception, function) when is_function(function, 0) do
    try do
      function.()
    rescue
      error ->
        name = error.__struct__

        cond do
          name == exception ->
            error

          name == ExUnit.AssertionError ->
            reraise(error, __STACKTRACE__)

          true ->
            message =
              "Expected exception #{inspect(exception)} " <>
                "but got #{inspect(name)} (#{Exception.message(error)})"

            reraise ExUnit.AssertionError, [message: message], __STACKTRACE__
        end
    else
      _ -> flunk("Expected exception #{inspect(exception)} but nothing was raised")
    end
  end

  def assert_raise(exception, expected_message, function) when is_function(function, 0) do
    error = assert_raise(exception, function)
    message = Exception.message(error)

    match? =
      cond do
        is_binary(expected_message) -> message == expected_message
        true -> Regex.match?(expected_message, message)
      end

    if not match? do
      flunk(
        "Wrong message for #{inspect(exception)}\n" <>
          "expected:\n  #{inspect(expected_message)}\n" <>
          "actual:\n" <> "  #{inspect(message)}"
      )
    end

    error
  end

  def assert_in_delta(value1, value2, delta, message \\ nil) do
    if delta < 0, do: raise(ArgumentError, "delta must always be a positive number, got: #{inspect(delta)}")
    diff = abs(value1 - value2)

    message =
      message ||
        "Expected the difference between #{inspect(value1)} and " <>
          "#{inspect(value2)} (#{inspect(diff)}) to be less than or equal to #{inspect(delta)}"

    assert(diff <= delta, message)
  end

  def refute_in_delta(value1, value2, delta, message \\ nil) do
    diff = abs(value1 - value2)

    message =
      message ||
        "Expected the difference between #{inspect(value1)} and " <>
          "#{inspect(value2)} (#{inspect(diff)}) to be more than #{inspect(delta)}"

    refute(diff <= delta, message)
  end

  @doc false
  def __compare_failed__(kind, op, code, left, right) do
    if left === right and op not in [:=~, :in] do
      raise ExUnit.AssertionError,
        message: "#{kind} with #{op} failed, both sides are exactly equal",
        expr: code,
        left: left
    else
      raise ExUnit.AssertionError, message: "#{kind} with #{op} failed", expr: code, left: left, right: right
    end
  end

  @doc false
  def __match_failed__(message, code, pattern, value) do
    raise ExUnit.AssertionError, message: message, expr: code, left: {:ex_unit_code, pattern}, right: value
  end

  @doc false
  def __truthy_failed__(code, value) do
    raise ExUnit.AssertionError, message: "Expected truthy, got #{inspect(value)}", expr: code
  end

  @doc false
  def __falsy_failed__(code, value) do
    raise ExUnit.AssertionError, message: "Expected false or nil, got #{inspect(value)}", expr: code
  end

  @doc false
  def __receive_failed__(code, pattern, timeout, message) do
    {:messages, messages} = Process.info(self(), :messages)
    count = length(messages)

    base =
      message ||
        "Assertion failed, no matching message after #{timeout}ms"

    {detail, mailbox} =
      cond do
        message != nil ->
          {"", []}

        count == 0 ->
          {"\nThe process mailbox is empty.", []}

        true ->
          shown = Enum.take(messages, 10)
          noun = if count == 1, do: "message", else: "messages"
          {"\nShowing #{length(shown)} of #{count} #{noun} in the mailbox", Enum.map(shown, &{pattern, &1})}
      end

    raise ExUnit.AssertionError, message: base <> detail, expr: code, mailbox: mailbox
  end

  @doc false
  def __refute_receive_failed__(code, received, pattern, message) do
    message = message || "Unexpectedly received message #{inspect(received)} (which matched #{pattern})"
    raise ExUnit.AssertionError, message: message, expr: code
  end
end

defmodule ExUnit.Filters do
  @moduledoc "Tag filters: `:tag`, `{:tag, value}`, and the command line's `tag` / `tag:value`."

  @doc "Parses command-line filters (`\"slow\"`, `\"os:unix\"`)."
  def parse(filters), do: Enum.map(filters, &parse_one/1)

  defp parse_one(filter) when is_binary(filter) do
    case String.split(filter, ":", parts: 2) do
      [key, value] -> {String.to_atom(key), value}
      [key] -> String.to_atom(key)
    end
  end

  defp parse_one(filter), do: filter

  @doc """
  `:ok` when the tags pass the filters, `:excluded` otherwise. `collection` holds the tags of
  the module's tests, for the `line` filter (`mix test file:line`): as ExUnit 1.14's, it
  matches the last test starting at or before the line, or every test of a `describe` given
  its line.
  """
  def eval(include, exclude, tags, collection \\ []) do
    excluded = Enum.find(exclude, &matches?(&1, tags, collection))

    cond do
      excluded == nil -> :ok
      Enum.any?(include, &matches?(&1, tags, collection)) -> :ok
      true -> :excluded
    end
  end

  defp matches?({:line, line}, %{line: _} = tags, collection) do
    line = if is_binary(line), do: String.to_integer(line), else: line

    tags[:describe_line] == line or
      (tags.line <= line and Enum.all?(collection, &(&1.line <= tags.line or &1.line > line)))
  end

  defp matches?(filter, tags, _collection), do: matches?(filter, tags)

  defp matches?({key, value}, tags) do
    case Map.fetch(tags, key) do
      {:ok, ^value} -> true
      {:ok, other} when is_binary(value) -> to_string(other) == value
      _ -> false
    end
  end

  defp matches?(key, tags) when is_atom(key), do: Map.has_key?(tags, key)
end

defmodule ExUnit.Runner do
  @moduledoc false

  @no_value :ex_unit_no_meaningful_value

  @doc """
  Runs the test modules among `modules` (modules with `__ex_unit__/0`), prints the results as
  ExUnit's CLI formatter does and halts with the configured exit status when a test failed.
  `options` come from the command line (`include:`, `exclude:`, `only:`, `seed:`) and win
  over `ExUnit.start/1`'s.
  """
  def run(modules, options \\ []) do
    config = Keyword.merge(ExUnit.configuration(), options)

    # After a script (`retort run`), `ExUnit.start(autorun: false)` means: do not run.
    if options[:after_script] && config[:autorun] == false do
      :ok
    else
      run_suite(modules, options, config)
    end
  end

  defp run_suite(modules, options, config) do
    started = System.monotonic_time(:microsecond)

    config =
      case Keyword.get(options, :only, []) do
        [] -> config
        only -> Keyword.merge(config, include: only, exclude: [:test])
      end

    include = ExUnit.Filters.parse(config[:include] || [])
    exclude = ExUnit.Filters.parse(config[:exclude] || [])

    print_filters("Excluding tags", exclude)
    print_filters("Including tags", include)
    if exclude != [] or include != [], do: IO.write("\n")

    # ExUnit.Server keeps modules newest first: with seed 0, Elixir runs them in reverse order
    # of definition (the async ones first).
    cases = modules |> Enum.filter(&function_exported?(&1, :__ex_unit__, 0)) |> Enum.reverse()
    {async, sync} = Enum.split_with(cases, &(&1.__ex_unit__().async))
    load_us = Keyword.get(options, :load_us, 0)

    state = %{counter: 0, tests: 0, failures: 0, excluded: 0, skipped: 0, invalid: 0}
    t0 = System.monotonic_time(:microsecond)
    state = Enum.reduce(async, state, &run_module(&1, &2, config, include, exclude))
    t1 = System.monotonic_time(:microsecond)
    state = Enum.reduce(sync, state, &run_module(&1, &2, config, include, exclude))
    t2 = System.monotonic_time(:microsecond)

    total = t2 - started + load_us

    IO.write(
      "\nFinished in #{format_us(total)} seconds (#{format_us(load_us)}s on load, " <>
        "#{format_us(t1 - t0)}s async, #{format_us(t2 - t1)}s sync)\n"
    )

    IO.puts(summary(state))
    IO.puts("\nRandomized with seed #{config[:seed] || 0}")

    if state.failures > 0 or state.invalid > 0 do
      System.halt(config[:exit_status] || 2)
    end

    :ok
  end

  defp print_filters(_label, []), do: :ok
  defp print_filters(label, filters), do: IO.puts("#{label}: #{inspect(filters)}")

  defp summary(state) do
    # ExUnit counts per test type, in its map's order (doctest before test).
    doctests =
      case Map.get(state, :doctests, 0) do
        0 -> ""
        1 -> "1 doctest, "
        n -> "#{n} doctests, "
      end

    tests =
      case state.tests do
        0 when doctests != "" -> ""
        1 -> "1 test, "
        n -> "#{n} tests, "
      end

    failures = if state.failures == 1, do: "1 failure", else: "#{state.failures} failures"
    msg = doctests <> tests <> failures
    msg = if state.invalid > 0, do: msg <> ", #{state.invalid} invalid", else: msg
    msg = if state.excluded > 0, do: msg <> ", #{state.excluded} excluded", else: msg
    if state.skipped > 0, do: msg <> ", #{state.skipped} skipped", else: msg
  end

  defp format_us(us) do
    us = div(us, 10000)

    if us < 10 do
      "0.0#{us}"
    else
      us = div(us, 10)
      "#{div(us, 10)}.#{rem(us, 10)}"
    end
  end

  defp run_module(module, state, config, include, exclude) do
    meta = module.__ex_unit__()
    base = %{module: module, case: module, file: meta.file, async: meta.async}

    doctests = Enum.flat_map(Map.get(meta, :doctests, []), fn {m, line} -> ExUnit.DocTest.__tests__(m, line, meta.file) end)

    tests =
      Enum.map(meta.tests ++ doctests, fn t ->
        tags =
          t.tags
          |> Map.merge(%{
            test: t.name,
            module: module,
            file: meta.file,
            line: t.line,
            describe: t.describe,
            describe_line: t.describe_line,
            async: meta.async,
            test_type: if(Map.has_key?(t, :doctest), do: :doctest, else: :test)
          })

        Map.put(t, :tags, tags)
      end)

    collection = Enum.map(tests, & &1.tags)
    {run, excluded} = Enum.split_with(tests, &(ExUnit.Filters.eval(include, exclude, &1.tags, collection) == :ok))
    n_doc = length(doctests)
    state = %{state | tests: state.tests + length(tests) - n_doc, excluded: state.excluded + length(excluded)}
    state = Map.update(state, :doctests, n_doc, &(&1 + n_doc))

    # Skipped tests are reported before the others run, as ExUnit does.
    {skipped, run} = Enum.split_with(run, & &1.tags[:skip])
    Enum.each(skipped, fn _ -> IO.write("*") end)
    state = %{state | skipped: state.skipped + length(skipped)}

    case run do
      [] ->
        state

      _ ->
        case run_setup_all(module, meta.setup_all, base) do
          {:ok, context} ->
            Enum.reduce(run, state, &run_test(module, &1, context, &2, config))

          {:error, kind, reason, stack} ->
            Enum.reduce(run, state, fn test, st ->
              counter = st.counter + 1
              print_failure(counter, module, test, meta.file, kind, reason, stack, "failure on setup_all callback, all tests have been invalidated")
              %{st | counter: counter, invalid: st.invalid + 1}
            end)
        end
    end
  end

  defp run_setup_all(_module, [], base), do: {:ok, base}

  defp run_setup_all(module, funs, base) do
    parent = self()
    ref = make_ref()

    {pid, mref} =
      spawn_monitor(fn ->
        result =
          try do
            {:ok, Enum.reduce(funs, base, &merge_setup(module, &1, &2))}
          catch
            kind, reason -> {:error, kind, reason, __STACKTRACE__}
          end

        send(parent, {ref, result})
      end)

    receive do
      {^ref, result} ->
        Process.demonitor(mref, [:flush])
        result

      {:DOWN, ^mref, :process, ^pid, reason} ->
        {:error, :exit, reason, []}
    end
  end

  defp merge_setup(module, fun, context) do
    case apply(module, fun, [context]) do
      :ok ->
        context

      {:ok, extra} when is_list(extra) or is_map(extra) ->
        Map.merge(context, Map.new(extra))

      extra when is_map(extra) ->
        Map.merge(context, extra)

      extra when is_list(extra) ->
        Map.merge(context, Map.new(extra))

      other ->
        raise RuntimeError,
              "expected ExUnit callback in #{inspect(module)} to return :ok | keyword | map, got #{inspect(other)} instead"
    end
  end

  defp run_test(module, test, module_context, state, config) do
    context = Map.merge(module_context, test.tags)
    timeout = Map.get(test.tags, :timeout, config[:timeout] || 60000)

    case exec_test(module, test, context, timeout) do
      :ok ->
        IO.write(".")
        state

      {:error, kind, reason, stack} ->
        counter = state.counter + 1
        print_failure(counter, module, test, context.file, kind, reason, stack, nil)
        %{state | counter: counter, failures: state.failures + 1}
    end
  end

  defp exec_test(module, test, context, timeout) do
    parent = self()
    ref = make_ref()

    {pid, mref} =
      spawn_monitor(fn ->
        Process.put(:ex_unit_runner, parent)

        result =
          try do
            context = Enum.reduce(test.setups, context, &merge_setup(module, &1, &2))
            case test do
              %{doctest: doctest} -> ExUnit.DocTest.__run__(doctest)
              _ -> apply(module, test.name, [context])
            end

            :ok
          catch
            kind, reason -> {:error, kind, reason, __STACKTRACE__}
          end

        send(parent, {ref, result})
      end)

    result =
      receive do
        {^ref, result} ->
          receive do
            {:DOWN, ^mref, :process, ^pid, _} -> :ok
          end

          result

        {:DOWN, ^mref, :process, ^pid, reason} ->
          {:error, {:EXIT, pid}, reason, []}
      after
        timeout ->
          Process.exit(pid, :kill)

          receive do
            {:DOWN, ^mref, :process, ^pid, _} -> :ok
          end

          {:error, :error, ExUnit.TimeoutError.exception(timeout: timeout, type: "test"), []}
      end

    run_on_exit(pid, result)
  end

  defp run_on_exit(pid, result) do
    callbacks = collect_on_exit(pid, [])

    Enum.reduce(callbacks, result, fn callback, acc ->
      parent = self()
      ref = make_ref()

      spawn(fn ->
        r =
          try do
            callback.()
            :ok
          catch
            kind, reason -> {:error, kind, reason, __STACKTRACE__}
          end

        send(parent, {ref, r})
      end)

      receive do
        {^ref, :ok} -> acc
        {^ref, error} -> if acc == :ok, do: error, else: acc
      end
    end)
  end

  defp collect_on_exit(pid, acc) do
    receive do
      {:ex_unit_on_exit, ^pid, name, callback} ->
        acc = Enum.reject(acc, fn {n, _} -> n == name end)
        collect_on_exit(pid, [{name, callback} | acc])
    after
      0 -> Enum.map(acc, fn {_, c} -> c end)
    end
  end

  # Failure output, as ExUnit.CLIFormatter / ExUnit.Formatter print it.

  defp print_failure(counter, module, test, file, kind, reason, stack, note) do
    file = Path.relative_to_cwd(file)
    header = with_counter(counter, "#{test.name} (#{inspect(module)})")
    stack = prune_stacktrace(stack, module, test.name)

    body =
      case note do
        nil -> ""
        note -> "     " <> note <> "\n"
      end

    body = body <> format_reason(kind, reason, stack, module, test.name)
    trace = format_stacktrace(stack, module, test.name)
    IO.puts("\n\n" <> header <> "\n     #{file}:#{test.line}\n" <> body <> trace)
  end

  defp with_counter(counter, msg) when counter < 10, do: "  #{counter}) #{msg}"
  defp with_counter(counter, msg) when counter < 100, do: " #{counter}) #{msg}"
  defp with_counter(counter, msg), do: "#{counter}) #{msg}"

  defp format_reason(:error, %ExUnit.AssertionError{} = error, stack, module, name) do
    message =
      case error.message do
        "" -> ""
        msg -> indent(msg) <> "\n"
      end

    code =
      case error.expr do
        @no_value -> source_line(stack, module, name)
        code -> code
      end

    fields =
      [code: code, left: error.left, right: error.right]
      |> Enum.reject(fn {k, v} -> v == @no_value or (k == :code and v == nil) end)

    width = fields |> Enum.map(fn {k, _} -> String.length(Atom.to_string(k)) + 1 end) |> Enum.max(fn -> 0 end)
    # Values are laid out as ExUnit does on an 80-column terminal: nested under their label.
    padding = width + 1 + 5

    lines =
      Enum.map(fields, fn {k, v} ->
        label = String.pad_trailing(Atom.to_string(k) <> ":", width)
        "     " <> label <> " " <> format_value(k, v, padding) <> "\n"
      end)

    mailbox =
      case error.mailbox do
        [] ->
          ""

        pairs ->
          "     mailbox:\n" <>
            Enum.map_join(pairs, "", fn {pattern, value} ->
              "       pattern: #{pattern}\n       value:   #{inspect(value)}\n"
            end)
      end

    message <> Enum.join(lines) <> mailbox
  end

  defp format_reason(kind, reason, stack, module, name) do
    banner = Exception.format_banner(kind, reason, stack)

    code =
      case source_line(stack, module, name) do
        nil -> ""
        line -> "     code: #{line}\n"
      end

    indent(banner) <> "\n" <> code
  end

  defp format_value(:code, code, padding), do: String.replace(code, "\n", "\n" <> String.duplicate(" ", padding))
  defp format_value(_, {:ex_unit_code, code}, _padding), do: code
  defp format_value(_, value, padding), do: :retort_exunit.inspect_multiline(value, padding, 80)

  defp indent(text) do
    text
    |> String.split("\n")
    |> Enum.map_join("\n", &("     " <> &1))
  end

  # The source line of the test function's frame (ExUnit shows it as the code when the error
  # carries none).
  defp source_line(stack, module, name) do
    entry =
      Enum.find(stack, fn
        {^module, ^name, _, _} -> true
        _ -> false
      end)

    with {_, _, _, location} <- entry,
         file when file != nil <- location[:file],
         line when is_integer(line) <- location[:line],
         {:ok, source} <- File.read(to_string(file)),
         text when is_binary(text) <- Enum.at(String.split(source, "\n"), line - 1) do
      String.trim(text)
    else
      _ -> nil
    end
  end

  defp prune_stacktrace(stack, module, name) do
    stack
    |> Enum.drop_while(fn
      {m, _, _, _} -> ex_unit_module?(m)
      _ -> false
    end)
    |> take_until_test(module, name, [])
  end

  defp take_until_test([], _module, _name, acc), do: Enum.reverse(acc)

  defp take_until_test([{module, name, _, _} = entry | _], module, name, acc),
    do: Enum.reverse([entry | acc])

  defp take_until_test([{m, _, _, _} = entry | rest], module, name, acc) do
    if ex_unit_module?(m),
      do: take_until_test(rest, module, name, acc),
      else: take_until_test(rest, module, name, [entry | acc])
  end

  defp take_until_test([entry | rest], module, name, acc), do: take_until_test(rest, module, name, [entry | acc])

  defp ex_unit_module?(m) do
    s = Atom.to_string(m)
    String.starts_with?(s, "Elixir.ExUnit.") or s == "Elixir.ExUnit"
  end

  defp format_stacktrace([], _module, _name), do: ""

  defp format_stacktrace(stack, module, name) do
    "     stacktrace:\n" <>
      Enum.map_join(stack, "", fn entry -> "       " <> format_entry(entry, module, name) <> "\n" end)
  end

  defp format_entry({module, name, _, location}, module, name) do
    Exception.format_file_line(location[:file] && Path.relative_to_cwd(to_string(location[:file])), location[:line], " ") <>
      "(test)"
  end

  defp format_entry(entry, _module, _name), do: Exception.format_stacktrace_entry(entry)
end

defmodule ExUnit.CaptureIO do
  @moduledoc """
  `capture_io/1,2,3`: runs a function and returns what it wrote to standard output (or
  standard error, `:stderr`), with `input:` (or a binary first argument) as its standard
  input. Output is collected by natives (`vm/src/bif/capture.rs`): only the calling process's
  own writes are captured.
  """

  def capture_io(fun) when is_function(fun, 0), do: capture_io(:stdio, [], fun)

  def capture_io(device, fun) when is_atom(device) and is_function(fun, 0),
    do: capture_io(device, [], fun)

  def capture_io(input, fun) when is_binary(input) and is_function(fun, 0),
    do: capture_io(:stdio, [input: input], fun)

  def capture_io(options, fun) when is_list(options) and is_function(fun, 0),
    do: capture_io(:stdio, options, fun)

  def capture_io(device, input, fun) when is_binary(input) and is_function(fun, 0),
    do: capture_io(device, [input: input], fun)

  def capture_io(device, options, fun) when is_list(options) and is_function(fun, 0) do
    device = if device == :standard_error, do: :stderr, else: device
    :retort_capture.start(device, Keyword.get(options, :input, ""))

    try do
      fun.()
    catch
      kind, reason ->
        _ = :retort_capture.stop(device)
        :erlang.raise(kind, reason, __STACKTRACE__)
    end

    :retort_capture.stop(device)
  end
end

defmodule ExUnit.CaptureLog do
  @moduledoc """
  `capture_log/1,2`: runs a function and returns the log entries it wrote, formatted as the
  console prints them (`\\nHH:MM:SS.mmm [level] message\\n`). Only entries logged by the
  calling process are captured; the options are accepted and ignored.
  """

  def capture_log(options \\ [], fun) when is_list(options) and is_function(fun, 0) do
    :retort_capture.start(:log, "")

    try do
      fun.()
    catch
      kind, reason ->
        _ = :retort_capture.stop(:log)
        :erlang.raise(kind, reason, __STACKTRACE__)
    end

    :retort_capture.stop(:log)
  end
end
