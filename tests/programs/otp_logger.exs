# Logger: debug/info/warning/error in Elixir 1.14's console format (the time of day is masked
# by the golden test), Logger.configure(level:) filtering, Logger.level/0, lazy messages.
require Logger

defmodule Main do
  def run do
    Logger.debug("debug message")
    Logger.info("info message")
    Logger.warning("warning message")
    Logger.error("error message")
    Logger.info(fn -> "lazy message" end)
    Logger.info(["iodata ", "message"])
    l1 = Logger.level()
    Logger.configure(level: :warning)
    l2 = Logger.level()
    Logger.debug("hidden debug")
    Logger.info("hidden info")
    Logger.info(fn -> raise "never evaluated" end)
    Logger.warning("shown warning")
    Logger.error("shown error")

    Logger.configure(level: :error)
    Logger.warning("hidden warning")
    Logger.error("only errors")

    Logger.configure(level: :info)
    Logger.debug("hidden again")
    Logger.info("info is back")
    Logger.log(:warning, "via log/2")
    # The console backend prints asynchronously in Elixir: let it finish before printing.
    Process.sleep(100)
    IO.puts("levels: #{inspect(l1)} #{inspect(l2)}")
    IO.puts("compare_levels: #{inspect(Logger.compare_levels(:debug, :info))} #{inspect(Logger.compare_levels(:error, :warning))} #{inspect(Logger.compare_levels(:info, :info))}")
    IO.puts("done")
  end
end

Main.run()
