extends "res://tests/checks.gd"
## Checks ServerList: which addresses are accepted, the order they are tried in, and the delays
## between attempts (short to an untried node, growing once every node failed in turn).
## Prints "[test] server_list: N passed, M failed" and quits with the failures.

const ServerList := preload("res://net/server_list.gd")


func _suite() -> String:
	return "server_list"


func _run() -> void:
	_addresses()
	_order()
	_one_address()
	_two_addresses()
	_three_addresses()


func _addresses() -> void:
	for good: String in ["ws://a:8080/ws", "wss://game.example/ws", "WS://a", "ws://[::1]:80/ws"]:
		check(ServerList.is_valid(good), "valid: %s" % good)
	for bad: String in ["", "a:8080/ws", "http://a/ws", "ws://", "ws:///ws", "ws://:80/ws",
			"ws://a b/ws", "tcp://a"]:
		check(not ServerList.is_valid(bad), "invalid: %s" % bad)
	var listed := ServerList.parse_list(" ws://a/ws, http://b/ws,,wss://c/ws ,nonsense", "test")
	check(listed == PackedStringArray(["ws://a/ws", "wss://c/ws"]), "list: %s" % listed)
	check(ServerList.parse_list("", "test").is_empty(), "empty list")
	check(ServerList.parse_one(" ws://a/ws ", "test") == "ws://a/ws", "one, trimmed")
	check(ServerList.parse_one("a/ws", "test") == "", "one, invalid")


func _order() -> void:
	var listed := PackedStringArray(["ws://b/ws", "ws://a/ws", "ws://c/ws"])
	var urls := ServerList.combine("ws://a/ws", listed, "ws://fallback/ws")
	var want := PackedStringArray(["ws://a/ws", "ws://b/ws", "ws://c/ws"])
	check(urls == want, "the named address first, no repeats: %s" % urls)
	urls = ServerList.combine("", listed, "ws://fallback/ws")
	check(urls == listed, "the list alone: %s" % urls)
	urls = ServerList.combine("ws://a/ws", PackedStringArray(), "ws://fallback/ws")
	check(urls == PackedStringArray(["ws://a/ws"]), "one address: %s" % urls)
	urls = ServerList.combine("", PackedStringArray(), "ws://fallback/ws")
	check(urls == PackedStringArray(["ws://fallback/ws"]), "the fallback: %s" % urls)


## One address: the plain back-off, 1, 2, 4, 5, 5 s, and 1 s again after a success.
func _one_address() -> void:
	var servers := ServerList.new(PackedStringArray(["ws://a/ws"]))
	var delays: Array[float] = []
	for i in 5:
		delays.append(servers.failed())
		check(servers.current() == "ws://a/ws", "always the one address")
	check(delays == [1.0, 2.0, 4.0, 5.0, 5.0], "delays %s" % [delays])
	servers.succeeded()
	check(servers.failed() == 1.0, "a success starts over")


## Two: a loss moves to the other one quickly; when both failed, the round delays grow.
func _two_addresses() -> void:
	var servers := ServerList.new(PackedStringArray(["ws://a/ws", "ws://b/ws"]))
	check(servers.current() == "ws://a/ws", "starts at the first")
	var tried := PackedStringArray()
	var delays: Array[float] = []
	for i in 6:
		delays.append(servers.failed())
		tried.append(servers.current())
	var want := PackedStringArray(["ws://b/ws", "ws://a/ws", "ws://b/ws", "ws://a/ws",
		"ws://b/ws", "ws://a/ws"])
	check(tried == want, "round robin: %s" % tried)
	for i: int in [0, 2, 4]:
		var switch: float = delays[i]
		var quick := switch >= ServerList.SWITCH_DELAY_MIN and switch <= ServerList.SWITCH_DELAY_MAX
		check(quick, "to the untried node quickly: %s" % [delays])
	check([delays[1], delays[3], delays[5]] == [1.0, 2.0, 4.0], "rounds back off: %s" % [delays])
	# Taken in by a: the next loss goes on to b, quickly.
	servers.succeeded()
	var after := servers.failed()
	check(after <= ServerList.SWITCH_DELAY_MAX, "after a success, quick again: %f" % after)
	check(servers.current() == "ws://b/ws", "next in the list: %s" % servers.current())


## Three: two quick moves, then the round delay.
func _three_addresses() -> void:
	var servers := ServerList.new(PackedStringArray(["ws://a/ws", "ws://b/ws", "ws://c/ws"]))
	var delays: Array[float] = []
	var tried := PackedStringArray()
	for i in 3:
		delays.append(servers.failed())
		tried.append(servers.current())
	check(tried == PackedStringArray(["ws://b/ws", "ws://c/ws", "ws://a/ws"]), "order %s" % tried)
	var quick := maxf(delays[0], delays[1]) <= ServerList.SWITCH_DELAY_MAX
	check(quick and delays[2] == 1.0, "two quick moves, then a round: %s" % [delays])
