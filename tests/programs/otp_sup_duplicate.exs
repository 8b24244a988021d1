# Two children with the same id: the supervisor refuses to start. A trapping caller gets
# {:error, {:start_spec, {:duplicate_child_name, id}}}; Exception.format_exit explains it, and
# the other supervisor start errors.
defmodule W do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
end

Process.flag(:trap_exit, true)
IO.inspect(Supervisor.start_link([{W, 1}, {W, 2}], strategy: :one_for_one))
receive do
  {:EXIT, _, reason} -> IO.inspect(reason, label: "EXIT")
end
IO.puts(Exception.format_exit({:start_spec, {:duplicate_child_name, :some_id}}))
for r <- [{:start_spec, {:duplicate_child_name, :x}}, {:start_spec, {:invalid_child_spec, 1}}, {:start_spec, {:invalid_child_type, 1}}, {:start_spec, {:invalid_mfa, 1}}, {:start_spec, {:invalid_restart_type, 1}}, {:start_spec, {:invalid_shutdown, 1}}, {:start_spec, {:invalid_module, 1}}, {:start_spec, {:invalid_modules, 1}}, {:start_spec, :other}, {:supervisor_data, {:invalid_type, 1}}, {:supervisor_data, {:invalid_strategy, 1}}, {:supervisor_data, {:invalid_intensity, 1}}, {:supervisor_data, {:invalid_period, 1}}, {:supervisor_data, {:invalid_max_children, 1}}, {:supervisor_data, {:invalid_extra_arguments, 1}}, {:supervisor_data, :x}] do
  IO.puts(inspect(Exception.format_exit(r)))
end
