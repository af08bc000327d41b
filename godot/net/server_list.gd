extends RefCounted
## The server addresses the client knows, in the order it tries them, and which one is next.
## In a cluster every node takes every player, so when one fails (no answer, a lost connection,
## "Server full") the next attempt goes to the next address, round robin. Preload this script.

## Once every address has failed in turn (one round), wait this long before the next round, in
## seconds; the last one repeats. With one address this is the plain reconnect back-off.
const ROUND_DELAYS: Array[float] = [1.0, 2.0, 4.0, 5.0]
## Before an address not yet tried in this round: short, since that node has not failed us and
## most likely runs, but not zero and not the same for everyone. When a node dies all its players
## move on to the same next node; a random wait spreads their handshakes and logins over most of
## a second instead of one instant.
const SWITCH_DELAY_MIN := 0.2
const SWITCH_DELAY_MAX := 1.0

var urls: PackedStringArray = []
var _index: int = 0
## Failures since the server last took us in.
var _failures: int = 0


func _init(addresses: PackedStringArray) -> void:
	urls = addresses


## The address to try now ("" when none is known).
func current() -> String:
	return "" if urls.is_empty() else urls[_index]


## The server took us in: the next failure starts a fresh round.
func succeeded() -> void:
	_failures = 0


## The current address failed: moves on to the next one and returns the seconds to wait before
## trying it.
func failed() -> float:
	if urls.is_empty():
		return ROUND_DELAYS[0]
	_failures += 1
	_index = (_index + 1) % urls.size()
	if _failures % urls.size() != 0:
		return randf_range(SWITCH_DELAY_MIN, SWITCH_DELAY_MAX)
	var rounds := floori(float(_failures) / urls.size())
	return ROUND_DELAYS[mini(rounds - 1, ROUND_DELAYS.size() - 1)]


## The order to try: `first` (when given), then `listed`, without repeats; `fallback` alone when
## both are empty.
static func combine(
		first: String, listed: PackedStringArray, fallback: String) -> PackedStringArray:
	var result := PackedStringArray()
	if not first.is_empty():
		result.append(first)
	for url: String in listed:
		if not result.has(url):
			result.append(url)
	if result.is_empty():
		result.append(fallback)
	return result


## The valid addresses of a comma-separated list, in order. An invalid entry is skipped and
## printed, naming `source` (e.g. "?servers="), so a typo in a link shows in the console.
static func parse_list(text: String, source: String) -> PackedStringArray:
	var result := PackedStringArray()
	for entry: String in text.split(",", false):
		var url := parse_one(entry, source)
		if not url.is_empty():
			result.append(url)
	return result


## `text` when it is a valid address, else "" (printed, naming `source`, when not blank).
static func parse_one(text: String, source: String) -> String:
	var url := text.strip_edges()
	if url.is_empty() or is_valid(url):
		return url
	print("[rumble] ignored server address \"%s\" of %s: not a ws:// or wss:// URL" % [url, source])
	return ""


## A `ws://` or `wss://` URL with a host: what WebSocketPeer can connect to.
static func is_valid(url: String) -> bool:
	var scheme_end := url.find("://")
	if scheme_end < 0 or not ["ws", "wss"].has(url.left(scheme_end).to_lower()):
		return false
	var host := url.substr(scheme_end + 3).get_slice("/", 0)
	return not host.is_empty() and not host.begins_with(":") and not url.contains(" ")
