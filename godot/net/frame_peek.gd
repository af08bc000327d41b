extends RefCounted
## Tells WorldDeltas and keyframes apart from a frame's first bytes without decoding it, for
## Connection's catch-up: protobuf-java writes fields in number order, so an optional sender_id
## (field 1, varint) comes first, then the oneof member's tag and length, and inside
## WorldDeltaMessage seq (1) and tick (2) come before keyframe (3).

## Field 23 (world_delta), wire type 2, as the varint tag bytes that start the oneof member.
const WORLD_DELTA_TAG_0 := 0xBA
const WORLD_DELTA_TAG_1 := 0x01
## What a frame is, as far as catching up cares.
const NOT_A_DELTA := 0
const DELTA := 1
const KEYFRAME := 2


## NOT_A_DELTA, DELTA or KEYFRAME.
static func kind(bytes: PackedByteArray) -> int:
	var n := bytes.size()
	var i := 0
	if n > 0 and bytes[0] == 0x08:
		i = skip_varint(bytes, 1)
	if i + 1 >= n or bytes[i] != WORLD_DELTA_TAG_0 or bytes[i + 1] != WORLD_DELTA_TAG_1:
		return NOT_A_DELTA
	i = skip_varint(bytes, i + 2)  # the message length
	if i < n and bytes[i] == 0x08:  # seq
		i = skip_varint(bytes, i + 1)
	if i < n and bytes[i] == 0x10:  # tick
		i = skip_varint(bytes, i + 1)
	if i + 1 < n and bytes[i] == 0x18 and bytes[i + 1] != 0:  # keyframe = true
		return KEYFRAME
	return DELTA


## The index after the varint starting at `from`.
static func skip_varint(bytes: PackedByteArray, from: int) -> int:
	var i := from
	while i < bytes.size() and (bytes[i] & 0x80) != 0:
		i += 1
	return i + 1
