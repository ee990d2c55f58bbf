%% Messaging between two Erlang nodes, for the benchmark's messaging part.
%%
%% The server node registers three processes:
%%   sink   counts every message it receives (the one-way target of `{sink, Node} ! Payload`)
%%   meter  answers {read, From, Ref} with {Ref, Count, MonotonicMicros}: the sink's count
%%          and the server's own clock, so a rate is measured where messages are handled
%%   echo   a gen_server whose handle_call replies with the request (gen_server:call target)
%% and prints READY <us>.
%%
%% The client node measures, printing RESULT <key> <value> lines, then DONE <us>, and halts:
%%   one-way: one process sends a Size-byte binary to {sink, Server} in a loop; after a
%%            warm-up, the sink's rate over each window; then waits until the sink has every
%%            message (nothing queued spills into the next figure)
%%   request/reply: K processes, each calling gen_server:call({echo, Server}, 100-byte binary)
%%            in a loop; the p50 and p99 of the calls that ended in each window
%%
%% Started by the Java harness as
%%   erl -noshell -name S@127.0.0.1 -setcookie C -pa DIR -s bench_msg server
%%   erl -noshell -name C@127.0.0.1 -setcookie C -pa DIR -s bench_msg client S@127.0.0.1 WarmupMs Windows WindowMs
-module(bench_msg).
-behaviour(gen_server).
-export([server/0, client/1]).
-export([init/1, handle_call/3, handle_cast/2]).

-define(SIZES, [100, 1024, 65536]).
-define(IN_FLIGHT, [1, 64]).
-define(REQUEST_SIZE, 100).
-define(DRAIN_MS, 30000).

server() ->
    Counter = counters:new(1, []),
    register(sink, spawn(fun() -> sink(Counter) end)),
    register(meter, spawn(fun() -> meter(Counter) end)),
    {ok, _} = gen_server:start({local, echo}, ?MODULE, [], []),
    report("READY", []).

sink(Counter) ->
    receive
        _ ->
            counters:add(Counter, 1, 1),
            sink(Counter)
    end.

meter(Counter) ->
    receive
        {read, From, Ref} ->
            From ! {Ref, counters:get(Counter, 1), erlang:monotonic_time(microsecond)},
            meter(Counter)
    end.

init([]) -> {ok, nostate}.
handle_call(Request, _From, State) -> {reply, Request, State}.
handle_cast(_Message, State) -> {noreply, State}.

client([Server | Numbers]) ->
    [WarmupMs, Windows, WindowMs] = [list_to_integer(atom_to_list(N)) || N <- Numbers],
    await_server(Server, 600),
    report("READY", []),
    [oneway(Server, Size, WarmupMs, Windows, WindowMs) || Size <- ?SIZES],
    [latency(Server, K, WarmupMs, Windows, WindowMs) || K <- ?IN_FLIGHT],
    report("DONE", []),
    erlang:halt(0).

await_server(_Server, 0) ->
    report("FAILED", [server_unreachable]),
    erlang:halt(1);
await_server(Server, Tries) ->
    case net_kernel:connect_node(Server) andalso rpc:call(Server, erlang, whereis, [echo]) of
        Pid when is_pid(Pid) -> ok;
        _ -> timer:sleep(100), await_server(Server, Tries - 1)
    end.

oneway(Server, Size, WarmupMs, Windows, WindowMs) ->
    Payload = binary:copy(<<"x">>, Size),
    {Base, _} = read(Server),
    Self = self(),
    Sender = spawn_link(fun() -> send_loop({sink, Server}, Payload, Self, 0) end),
    timer:sleep(WarmupMs),
    First = read(Server),
    lists:foldl(fun(_, {C0, T0}) ->
                        timer:sleep(WindowMs),
                        {C1, T1} = read(Server),
                        result(io_lib:format("oneway_~b_per_s", [Size]), (C1 - C0) * 1.0e6 / (T1 - T0)),
                        {C1, T1}
                end, First, lists:seq(1, Windows)),
    Sender ! stop,
    Sent = receive {sent, N} -> N end,
    drain(Server, Base + Sent, erlang:monotonic_time(millisecond) + ?DRAIN_MS).

send_loop(Dest, Payload, Parent, Sent) ->
    Dest ! Payload,
    case Sent rem 64 of
        0 ->
            receive
                stop -> Parent ! {sent, Sent + 1}
            after 0 -> send_loop(Dest, Payload, Parent, Sent + 1)
            end;
        _ -> send_loop(Dest, Payload, Parent, Sent + 1)
    end.

drain(Server, Expected, Deadline) ->
    case read(Server) of
        {Expected, _} -> ok;
        {Count, _} ->
            case erlang:monotonic_time(millisecond) > Deadline of
                true -> report("FAILED", [drain, Expected - Count]);
                false -> timer:sleep(50), drain(Server, Expected, Deadline)
            end
    end.

read(Server) ->
    Ref = make_ref(),
    {meter, Server} ! {read, self(), Ref},
    receive
        {Ref, Count, Micros} -> {Count, Micros}
    after 60000 -> exit(meter_timeout)
    end.

latency(Server, K, WarmupMs, Windows, WindowMs) ->
    Payload = binary:copy(<<"x">>, ?REQUEST_SIZE),
    Start = erlang:monotonic_time(nanosecond) + WarmupMs * 1000000,
    End = Start + Windows * WindowMs * 1000000,
    Self = self(),
    Callers = [spawn_link(fun() -> Self ! {calls, self(), call_loop({echo, Server}, Payload, End, [])} end)
               || _ <- lists:seq(1, K)],
    Calls = lists:append([receive {calls, Pid, List} -> List end || Pid <- Callers]),
    lists:foreach(fun(W) ->
                          From = Start + (W - 1) * WindowMs * 1000000,
                          To = From + WindowMs * 1000000,
                          Sorted = lists:sort([Nanos || {Ended, Nanos} <- Calls, Ended >= From, Ended < To]),
                          percentiles(K, Sorted)
                  end, lists:seq(1, Windows)).

call_loop(Dest, Payload, End, Calls) ->
    Began = erlang:monotonic_time(nanosecond),
    Payload = gen_server:call(Dest, Payload),
    Ended = erlang:monotonic_time(nanosecond),
    Done = [{Ended, Ended - Began} | Calls],
    case Ended >= End of
        true -> Done;
        false -> call_loop(Dest, Payload, End, Done)
    end.

percentiles(K, []) ->
    report("FAILED", [list_to_atom(lists:flatten(io_lib:format("rr_~b_p50_us", [K]))), no_call_ended_in_window]);
percentiles(K, Sorted) ->
    result(io_lib:format("rr_~b_p50_us", [K]), percentile(Sorted, 0.50) / 1000),
    result(io_lib:format("rr_~b_p99_us", [K]), percentile(Sorted, 0.99) / 1000).

%% Nearest rank: the smallest sample with at least Q of all samples at or below it.
percentile(Sorted, Q) ->
    Rank = max(1, ceil(Q * length(Sorted))),
    lists:nth(Rank, Sorted) * 1.0.

result(Key, Value) ->
    io:format("RESULT ~s ~.3f~n", [Key, float(Value)]).

report(Tag, Args) ->
    Parts = [Tag | [io_lib:format("~p", [A]) || A <- Args]] ++ [integer_to_list(os:system_time(microsecond))],
    io:format("~s~n", [lists:join(" ", Parts)]).
