# The seed article's hot-swap story, as a reader of the article would write it.
# A process loops through a *local* call, so it keeps running the version it
# started with; processes spawned after a reload run the new version; loading a
# third version purges the oldest, killing the process still inside it.
#
#   retort run examples/hot_swap.ex                 # about 6 seconds
#   retort run --virtual-time examples/hot_swap.ex  # the same output, at once

defmodule Article do
  def hello_world(greeting) do
    """
    defmodule HelloWorld do
      def hello(name) do
        IO.puts("#{greeting}, \#{name}")
        :timer.sleep(1000)
        hello(name)
      end
    end
    """
  end
end

Code.compiler_options(ignore_module_conflict: true)

Code.compile_string(Article.hello_world("Hi"))
joe = spawn(HelloWorld, :hello, ["Joe"])
ref = Process.monitor(joe)
:timer.sleep(2500)

IO.puts("-- loading version 2: Joe keeps running version 1, Ann starts on version 2")
Code.compile_string(Article.hello_world("Hello"))
ann = spawn(HelloWorld, :hello, ["Ann"])
:timer.sleep(2000)

IO.puts("-- loading version 3: version 1 is purged, and Joe with it")
Code.compile_string(Article.hello_world("Goodbye"))

receive do
  {:DOWN, ^ref, :process, ^joe, reason} -> IO.puts("Joe's process exited: #{inspect(reason)}")
end

bob = spawn(HelloWorld, :hello, ["Bob"])
:timer.sleep(1500)

IO.inspect(Process.alive?(ann), label: "Ann alive (version 2, now old code)")
IO.inspect(:erlang.check_process_code(ann, HelloWorld), label: "Ann runs old code")
IO.inspect(:erlang.check_process_code(bob, HelloWorld), label: "Bob runs old code")
