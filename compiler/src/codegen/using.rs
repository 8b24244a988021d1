//! The functions injected by `use GenServer`, `use Supervisor`, `use Agent`, `use Task` and
//! `use Application`, as
//! source text (Elixir 1.14's `__using__` defaults, simplified). They are overridable: only
//! the `name/arity` pairs the module does not define itself are added. The options of `use`
//! (`restart:`, `id:`, `shutdown:` ...) are merged into the `child_spec/1` map.

/// `(module, behaviour to persist, source of the default functions)`.
pub(crate) fn template(module: &str) -> Option<(Option<&'static str>, &'static str)> {
    Some(match module {
        "Elixir.GenServer" => (Some("Elixir.GenServer"), GENSERVER),
        "Elixir.Supervisor" => (Some("Elixir.Supervisor"), SUPERVISOR),
        "Elixir.Agent" => (None, AGENT),
        "Elixir.Task" => (None, TASK),
        "Elixir.Application" => (Some("Elixir.Application"), APPLICATION),
        _ => return None,
    })
}

const GENSERVER: &str = r#"
def child_spec(init_arg) do
  %{id: __MODULE__, start: {__MODULE__, :start_link, [init_arg]}}
end

def handle_call(msg, _from, _state) do
  raise "attempted to call GenServer #{inspect(self())} but no handle_call/3 clause was provided (got: #{inspect(msg)})"
end

def handle_info(_msg, state) do
  {:noreply, state}
end

def handle_cast(msg, _state) do
  raise "attempted to cast GenServer #{inspect(self())} but no handle_cast/2 clause was provided (got: #{inspect(msg)})"
end

def terminate(_reason, _state) do
  :ok
end

def code_change(_old, state, _extra) do
  {:ok, state}
end
"#;

const SUPERVISOR: &str = r#"
def child_spec(init_arg) do
  %{id: __MODULE__, start: {__MODULE__, :start_link, [init_arg]}, type: :supervisor}
end
"#;

const AGENT: &str = r#"
def child_spec(arg) do
  %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}}
end
"#;

const TASK: &str = r#"
def child_spec(arg) do
  %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}, restart: :temporary}
end
"#;

const APPLICATION: &str = r#"
def stop(_state) do
  :ok
end
"#;
