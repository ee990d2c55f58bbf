%% One Erlang node of the benchmark: dials every node of a static list with
%% net_kernel:connect_node/1 until it is connected to all of them, and reports on
%% standard output, with wall-clock microseconds:
%%   READY <us>                 distribution is up, before the first dial
%%   PEERS <k> <us>             now connected to k nodes of the list (reported when k grows)
%%   MESH <us>                  connected to every node of the list
%%   LEFT <node> <reason> <us>  a node of the list went down (nodedown)
%% Started by the Java harness as
%%   erl -noshell -name self@127.0.0.1 -setcookie C -kernel net_ticktime T -pa DIR -s bench_node main Peer...
-module(bench_node).
-export([main/1]).

-define(RETRY_MS, 200).

main(Peers0) ->
    Peers = [P || P <- Peers0, P =/= node()],
    ok = net_kernel:monitor_nodes(true, [nodedown_reason]),
    report("READY", []),
    dial(Peers),
    loop(Peers, false, 0).

loop(Peers, Meshed, Reported) ->
    Now = check_mesh(Peers, Meshed),
    Count = length(Peers) - length(missing(Peers)),
    Report = case Count > Reported of
                 true -> report("PEERS", [Count]), Count;
                 false -> Reported
             end,
    receive
        {nodeup, _Node, _Info} ->
            loop(Peers, Now, Report);
        {nodedown, Node, Info} ->
            Reason = proplists:get_value(nodedown_reason, Info, unknown),
            report("LEFT", [Node, Reason]),
            loop(Peers, Now, Report)
    after ?RETRY_MS ->
        case Now of
            true -> ok;
            false -> dial(missing(Peers))
        end,
        loop(Peers, Now, Report)
    end.

check_mesh(_Peers, true) ->
    true;
check_mesh(Peers, false) ->
    case missing(Peers) of
        [] -> report("MESH", []), true;
        _ -> false
    end.

missing(Peers) ->
    Connected = nodes(),
    [P || P <- Peers, not lists:member(P, Connected)].

dial(Peers) ->
    [net_kernel:connect_node(P) || P <- Peers],
    ok.

report(Tag, Args) ->
    Parts = [Tag | [io_lib:format("~p", [A]) || A <- Args]] ++ [integer_to_list(os:system_time(microsecond))],
    io:format("~s~n", [lists:join(" ", Parts)]).
