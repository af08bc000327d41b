# gdlint: disable=max-returns
extends Node
## Golden-vector test of the generated codec (res://net/proto.gd), run in the web engine by
## src/test/java/rumble/godot/CodecInEngineTest.java.
##
## Reads res://tests/vectors.txt (written by CodecVectors.java): decodes every vector with
## Proto.Packet.from_bytes, re-encodes it with to_bytes() and compares byte for byte with what
## protobuf-java wrote, checks the decoded field values, then times decoding the world deltas and
## keyframes captured from a real room. Prints one "CODEC_FAIL <vector>: <reason>" line per failing
## vector, "CODEC_BENCH ..." lines and a final "CODEC_RESULT ..." line, and quits with 0 when
## everything passed, else 1.

const VECTORS_PATH := "res://tests/vectors.txt"
## Decodes per timing sample: the browser's clock may be coarse (5 to 100 us).
const DELTA_BATCH := 20
const DELTA_ROUNDS := 5
const KEYFRAME_BATCH := 4
const KEYFRAME_ROUNDS := 8
const MAX_FAIL_LINES := 100
## A delta with at least this many entries (players, spores, departures, eatings) counts as busy.
const BUSY_ENTITIES := 10

var _scratch := PackedByteArray()
var _failed: int = 0
var _checks: int = 0


class Vector:
	extends RefCounted

	var name: String = ""
	var bench: String = "none"
	var input := PackedByteArray()
	var expected := PackedByteArray()
	var malformed: bool = false
	var checks: Array[PackedStringArray] = []


func _ready() -> void:
	_scratch.resize(8)
	var vectors := _load(VECTORS_PATH)
	if vectors.is_empty():
		print("CODEC_RESULT vectors=0 passed=0 failed=1 checks=0 error=no " + VECTORS_PATH)
		get_tree().quit(1)
		return
	var by_name := {}
	for v in vectors:
		by_name[v.name] = v
		_report(v.name, _run(v))
	_report("api-chat", _api_chat(by_name))
	_report("api-optional-zero", _api_optional_zero(by_name))
	_report("api-oneof-setters", _api_oneof_setters())
	_bench(vectors)
	var total: int = vectors.size() + 3
	var counts := [total, total - _failed, _failed, _checks]
	print("CODEC_RESULT vectors=%d passed=%d failed=%d checks=%d" % counts)
	get_tree().quit(0 if _failed == 0 else 1)


func _report(vector_name: String, problem: String) -> void:
	if problem.is_empty():
		return
	_failed += 1
	if _failed <= MAX_FAIL_LINES:
		print("CODEC_FAIL %s: %s" % [vector_name, problem.replace("\n", " ").left(400)])


func _load(path: String) -> Array[Vector]:
	var vectors: Array[Vector] = []
	var text := FileAccess.get_file_as_string(path)
	var current: Vector = null
	for line in text.split("\n", false):
		if line.begins_with("v "):
			var parts := line.split(" ")
			current = Vector.new()
			current.name = parts[1]
			current.bench = parts[2]
			current.input = parts[3].substr(1).hex_decode()
			current.malformed = parts[4] == "null"
			if not current.malformed:
				current.expected = parts[4].substr(1).hex_decode()
			vectors.append(current)
		elif line.begins_with("c ") and current != null:
			current.checks.append(line.split(" "))
	return vectors


## "" when the vector passes, else what went wrong.
func _run(v: Vector) -> String:
	var packet := Proto.Packet.from_bytes(v.input)
	if v.malformed:
		if packet != null:
			return "malformed bytes decoded, want null; to_bytes x" + packet.to_bytes().hex_encode()
		return ""
	if packet == null:
		return "from_bytes returned null"
	var again := packet.to_bytes()
	if again != v.expected:
		return "to_bytes differs: " + _diff(again, v.expected)
	var problems := PackedStringArray()
	for check in v.checks:
		_checks += 1
		var problem := _check(packet, check)
		if not problem.is_empty():
			problems.append(problem)
	if not problems.is_empty():
		return "%d wrong values: %s" % [problems.size(), "; ".join(problems.slice(0, 5))]
	return ""


func _diff(got: PackedByteArray, want: PackedByteArray) -> String:
	var at: int = 0
	while at < got.size() and at < want.size() and got[at] == want[at]:
		at += 1
	var got_hex := got.slice(at, at + 16).hex_encode()
	var want_hex := want.slice(at, at + 16).hex_encode()
	var facts := [got.size(), want.size(), at, got_hex, want_hex]
	return "%d bytes, want %d; first difference at %d: got x%s, want x%s" % facts


## Checks one "c <path> <kind> <value> [# readable]" line against the decoded packet.
func _check(root: Proto.Packet, check: PackedStringArray) -> String:
	var path: String = check[1]
	var kind: String = check[2]
	var want: String = check[3]
	var readable: String = " ".join(check.slice(5)) if check.size() > 5 else want
	var got: Variant = root
	for part in path.split("."):
		var field := part
		var index: int = -1
		var bracket := part.find("[")
		if bracket >= 0:
			field = part.left(bracket)
			index = part.substr(bracket + 1, part.length() - bracket - 2).to_int()
		if not got is Object:
			return "%s: no object holds %s" % [path, field]
		var holder: Object = got
		if not field in holder:
			return "%s: no field %s" % [path, field]
		got = holder.get(field)
		if index >= 0:
			if index >= got.size():
				return "%s: only %d elements" % [path, got.size()]
			got = got[index]
	match kind:
		"i":
			if typeof(got) != TYPE_INT:
				return "%s is a %s, want an int" % [path, type_string(typeof(got))]
			_scratch.encode_s64(0, got)
			if _scratch.hex_encode() != want:
				return "%s = %d, want %s" % [path, got, readable]
		"d":
			if typeof(got) != TYPE_FLOAT:
				return "%s is a %s, want a float" % [path, type_string(typeof(got))]
			_scratch.encode_double(0, got)
			if _scratch.hex_encode() != want:
				return "%s = %s (x%s), want %s" % [path, got, _scratch.hex_encode(), readable]
		"b":
			if typeof(got) != TYPE_BOOL or str(got) != want:
				return "%s = %s, want %s" % [path, got, want]
		"s":
			var text := want.substr(1).hex_decode().get_string_from_utf8()
			if typeof(got) != TYPE_STRING or got != text:
				return "%s = \"%s\", want \"%s\"" % [path, got, text]
		"y":
			if typeof(got) != TYPE_PACKED_BYTE_ARRAY or got.hex_encode() != want.substr(1):
				return "%s = %s, want %s" % [path, got, want]
		"len":
			if got == null:
				return "%s is null, want %s elements" % [path, want]
			if got.size() != want.to_int():
				return "%s has %d elements, want %s" % [path, got.size(), want]
		"null":
			if got != null:
				return "%s is set, want null" % path
		_:
			return "unknown check kind " + kind
	return ""


## Builds packets through the API (not by decoding) and compares with protobuf-java's bytes.
func _api_chat(by_name: Dictionary) -> String:
	var packet := Proto.Packet.new()
	packet.sender_id = 69
	var chat := Proto.ChatMessage.new()
	chat.msg = "Hello, world!"
	if packet.set_chat(chat) != packet or packet.msg_case != Proto.Packet.CHAT:
		return "set_chat did not set the case and return the packet"
	return _same(packet.to_bytes(), by_name, "chat-original")


func _api_optional_zero(by_name: Dictionary) -> String:
	var player := Proto.PlayerDelta.new()
	player.x = 0
	player.has_x = true
	player.has_name = true
	var delta := Proto.WorldDeltaMessage.new()
	delta.players.append(player)
	var packet := Proto.Packet.new().set_world_delta(delta)
	return _same(packet.to_bytes(), by_name, "optional-zero-on-the-wire")


func _api_oneof_setters() -> String:
	var packet := Proto.Packet.new()
	if packet.msg_case != Proto.Packet.MSG_NOT_SET or Proto.Packet.WORLD_DELTA != 23:
		return "a new packet has a case, or WORLD_DELTA is not 23"
	packet.set_chat(Proto.ChatMessage.new())
	packet.set_keyframe_request(Proto.KeyframeRequestMessage.new())
	if packet.chat != null or packet.msg_case != Proto.Packet.KEYFRAME_REQUEST:
		return "set_keyframe_request left chat set or the case wrong"
	if packet.to_bytes().hex_encode() != "c20100":
		return "an empty oneof member encodes as x%s, want xc20100" % packet.to_bytes().hex_encode()
	return ""


func _same(got: PackedByteArray, by_name: Dictionary, vector_name: String) -> String:
	if not by_name.has(vector_name):
		return "no vector " + vector_name
	var want: PackedByteArray = by_name[vector_name].expected
	return "" if got == want else "to_bytes differs from " + vector_name + ": " + _diff(got, want)


func _bench(vectors: Array[Vector]) -> void:
	var deltas: Array[Vector] = []
	var busy: Array[Vector] = []
	for v in vectors:
		if v.bench == "delta":
			deltas.append(v)
			if _entities(Proto.Packet.from_bytes(v.input)) >= BUSY_ENTITIES:
				busy.append(v)
	_bench_deltas("deltas", deltas)
	_bench_deltas("busy_deltas", busy)
	for v in vectors:
		if v.bench != "keyframe":
			continue
		var packet := Proto.Packet.from_bytes(v.input)
		var samples := PackedFloat64Array()
		for _round in KEYFRAME_ROUNDS:
			samples.append(_time(v.input, KEYFRAME_BATCH))
		var delta := packet.world_delta
		var shape := [v.name, delta.players.size(), delta.spores.size(), _entities(packet)]
		var timing := [v.input.size(), _median(samples), _min(samples), _max(samples)]
		var line := "CODEC_BENCH keyframe name=%s players=%d spores=%d entities=%d" % shape
		line += " bytes=%d decode_us_median=%.1f decode_us_min=%.1f decode_us_max=%.1f" % timing
		print(line)


## Times decoding every delta of the group, DELTA_ROUNDS times each, and prints the spread.
func _bench_deltas(group: String, deltas: Array[Vector]) -> void:
	if deltas.is_empty():
		print("CODEC_BENCH %s count=0" % group)
		return
	var samples := PackedFloat64Array()
	var entities := PackedFloat64Array()
	var sizes := PackedFloat64Array()
	for v in deltas:
		entities.append(_entities(Proto.Packet.from_bytes(v.input)))
		sizes.append(v.input.size())
	for _round in DELTA_ROUNDS:
		for v in deltas:
			samples.append(_time(v.input, DELTA_BATCH))
	var shape := [group, deltas.size(), _median(entities), _max(entities), _median(sizes)]
	var timing := [_median(samples), _percentile(samples, 0.9), _min(samples), _max(samples)]
	var line := "CODEC_BENCH %s count=%d entities_median=%d entities_max=%d bytes_median=%d" % shape
	line += " decode_us_median=%.1f decode_us_p90=%.1f" % timing.slice(0, 2)
	print(line + " decode_us_min=%.1f decode_us_max=%.1f" % timing.slice(2))


## Microseconds per decode of bytes, averaged over a batch.
func _time(bytes: PackedByteArray, batch: int) -> float:
	var start := Time.get_ticks_usec()
	for _i in batch:
		Proto.Packet.from_bytes(bytes)
	return float(Time.get_ticks_usec() - start) / batch


func _entities(packet: Proto.Packet) -> int:
	var d := packet.world_delta
	var departures := d.players_left.size() + d.spores_left.size()
	return d.players.size() + d.spores.size() + d.eaten.size() + departures


func _median(values: PackedFloat64Array) -> float:
	return _percentile(values, 0.5)


func _percentile(values: PackedFloat64Array, fraction: float) -> float:
	var sorted := values.duplicate()
	sorted.sort()
	return sorted[mini(sorted.size() - 1, int(fraction * sorted.size()))]


func _min(values: PackedFloat64Array) -> float:
	var sorted := values.duplicate()
	sorted.sort()
	return sorted[0]


func _max(values: PackedFloat64Array) -> float:
	var sorted := values.duplicate()
	sorted.sort()
	return sorted[sorted.size() - 1]
