defmodule Process do
  @moduledoc """
  Functions on processes: spawning, linking and monitoring, registered names, timers, exit
  signals and the process dictionary.
  """
  # Process functions written in the language; the primitives are native.

  def sleep(:infinity) do
    receive do
    end
  end

  def sleep(ms) when is_integer(ms) and ms >= 0 do
    receive do
    after
      ms -> :ok
    end
  end
end
