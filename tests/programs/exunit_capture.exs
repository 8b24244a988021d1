# ExUnit's catch_error/catch_throw/catch_exit, ExUnit.CaptureIO and ExUnit.CaptureLog,
# used from a script and from a test module, with their failure cases.
import ExUnit.Assertions
import ExUnit.CaptureIO
import ExUnit.CaptureLog
require Logger
ExUnit.start(seed: 0)

IO.inspect(catch_throw(throw(:ball)))
IO.inspect(catch_error(:erlang.error(:badarg)))
IO.inspect(catch_error(raise "boom"))
IO.inspect(catch_error(1 / Enum.count([])))
IO.inspect(catch_exit(exit(:normal)))
IO.inspect(catch_exit(exit({:shutdown, 1})))
try do catch_throw(:no_throw) rescue e in ExUnit.AssertionError -> IO.puts(e.message) end
try do catch_error(:ok) rescue e in ExUnit.AssertionError -> IO.puts(e.message) end
try do catch_exit(throw(:other)) catch :throw, v -> IO.inspect({:passed_through, v}) end

IO.inspect(capture_io(fn -> IO.puts("captured line"); IO.write("more") end))
IO.inspect(capture_io(fn -> :io.format("~w~n", [42]) end))
IO.inspect(capture_io("alice\nbob\n", fn -> IO.write(IO.gets("name? ")); IO.write(IO.gets("")) ; IO.inspect(IO.gets("")) end))
IO.inspect(capture_io([input: "x y"], fn -> IO.write(IO.read(:stdio, :all)) end))
IO.inspect(capture_io(:stderr, fn -> IO.puts(:stderr, "to stderr"); IO.puts("to stdout") end))
IO.inspect(capture_io(fn -> IO.write("outer ["); IO.write(capture_io(fn -> IO.write("inner") end) |> String.upcase()); IO.write("]") end))
try do capture_io(fn -> IO.write("lost"); raise "inside" end) rescue e -> IO.inspect(e) end
IO.puts("after the failed capture")

log = capture_log(fn -> Logger.error("something failed"); Logger.info("fyi") end)
IO.write(log)
IO.inspect(log =~ "[error] something failed")
IO.inspect(capture_log(fn -> :nothing end))


defmodule CatchCaptureTest do
  use ExUnit.Case
  import ExUnit.CaptureIO

  test "catch and capture in a test" do
    assert catch_throw(throw(1)) == 1
    assert catch_error(hd([])) == :badarg
    assert capture_io(fn -> IO.puts("hi") end) == "hi\n"
  end
end

