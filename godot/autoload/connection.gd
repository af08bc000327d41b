extends Node
## Autoload "Connection": the one WebSocket to the server. Parses every binary frame into a
## Proto.Packet, reconnects on its own (to the next address it knows, with a growing delay once
## every address failed), and catches up after a stall.

signal status_changed(status: Status, detail: String)
signal packet_received(packet: Proto.Packet)
## After a stall: `dropped` queued WorldDeltas were skipped and a keyframe was requested.
signal caught_up(dropped: int)

enum Status { CONNECTING, OPEN, RECONNECTING, CLOSED }

const LaunchOptions := preload("res://autoload/launch_options.gd")
const FramePeek := preload("res://net/frame_peek.gd")
const ServerList := preload("res://net/server_list.gd")

## The largest keyframe a crowded room can produce, with room to spare. Godot's default inbound
## buffer is 64 KiB, and a frame that does not fit breaks the connection without a clear error.
const INBOUND_BUFFER_BYTES := 4 * 1024 * 1024
const MAX_QUEUED_PACKETS := 8192
const OUTBOUND_BUFFER_BYTES := 256 * 1024
const SERVER_URL_SETTING := "rumble/network/server_url"
const DEFAULT_SERVER_URL := "ws://127.0.0.1:8080/ws"
## A handshake that takes longer than this is abandoned and retried.
const CONNECT_TIMEOUT_MSEC := 10000
## More packets than this waiting at once means frames stopped (hidden tab, long frame). The
## server sends one WorldDelta per tick (20 Hz) plus a little chat, so 20 is about a second:
## shorter stalls are cheaper to replay (a delta applies in well under a millisecond) than to
## answer with a keyframe, and a busy 2-core machine stalls for half a second now and then.
const CATCH_UP_PACKETS := 20

var status: Status = Status.CLOSED
var status_detail: String = ""
## Totals for diagnostics (published by the game scene if it wants).
var dropped_deltas: int = 0
var malformed_packets: int = 0

var _peer: WebSocketPeer = null
var _servers: ServerList = null
## The address of the socket in _peer (or of the last one).
var _url: String = ""
var _wanted: bool = false
var _was_open: bool = false
## The server sent something other than a Disconnect on this socket: it took us in.
var _taken_in: bool = false
var _connect_started_msec: int = 0
var _retry_at_msec: int = -1
## Set by pause_delivery(): stop emitting for the rest of this frame.
var _paused: bool = false
## Frames taken off the socket by a catch-up and not handed out yet (a scene switch can pause
## delivery half-way); they go before anything still in the socket.
var _backlog: Array[PackedByteArray] = []
var _backlog_next: int = 0
## The reason of the last DisconnectMessage the server sent us on this socket.
var _server_reason: String = ""


func _ready() -> void:
	# Keep the socket serviced while the tree is paused.
	process_mode = Node.PROCESS_MODE_ALWAYS
	_servers = ServerList.new(_resolve_urls())
	print("[rumble] servers: %s" % ", ".join(_servers.urls))


## The address in use, or the one tried next while reconnecting.
func server_url() -> String:
	return _servers.current()


## Every address the client knows, in the order it tries them (see _resolve_urls()).
func server_urls() -> PackedStringArray:
	return _servers.urls


func is_open() -> bool:
	return _peer != null and _peer.get_ready_state() == WebSocketPeer.STATE_OPEN


## Connects (and keeps reconnecting after drops) until close() is called.
func connect_to_server() -> void:
	_wanted = true
	_servers.succeeded()
	_open_socket()


## Retries at once instead of waiting for the countdown.
func reconnect_now() -> void:
	if not _wanted or _peer != null:
		return
	_open_socket()


## Closes for good: no more reconnects.
func close(reason: String = "Closed") -> void:
	_wanted = false
	_retry_at_msec = -1
	if _peer != null:
		_peer.close(1000, reason)
		_peer = null
	_set_status(Status.CLOSED, reason)


## Sends one packet as one binary frame. sender_id is always 0: the server fills in our id.
func send(packet: Proto.Packet) -> void:
	if not is_open():
		return
	packet.sender_id = 0
	var err := _peer.send(packet.to_bytes(), WebSocketPeer.WRITE_MODE_BINARY)
	if err != OK:
		print("[rumble] send failed (%s)" % error_string(err))


## Stops delivering packets for the rest of this frame; the rest stay queued for the next one.
## Game calls this when it switches scenes, so the new scene (which enters the tree at the end
## of the frame) sees every packet that follows, e.g. the first keyframe after the login Ok.
func pause_delivery() -> void:
	_paused = true


## Seconds until the next reconnect attempt, or 0 when none is scheduled.
func retry_in() -> float:
	if _retry_at_msec < 0:
		return 0.0
	return maxf(0.0, (_retry_at_msec - Time.get_ticks_msec()) / 1000.0)


func _process(_delta: float) -> void:
	_paused = false
	if _peer == null:
		if _wanted and _retry_at_msec >= 0 and Time.get_ticks_msec() >= _retry_at_msec:
			_open_socket()
		return
	_peer.poll()
	match _peer.get_ready_state():
		WebSocketPeer.STATE_OPEN:
			if not _was_open:
				_was_open = true
				_set_status(Status.OPEN, "Connected to %s" % _url)
			_deliver()
		WebSocketPeer.STATE_CONNECTING:
			if Time.get_ticks_msec() - _connect_started_msec > CONNECT_TIMEOUT_MSEC:
				_peer.close()
				_on_closed("timed out")
		WebSocketPeer.STATE_CLOSED:
			# Whatever arrived before the close is still worth handling (e.g. a Disconnect).
			var closed := _peer
			_deliver()
			if _peer == closed:  # unless a listener already closed or replaced it
				_on_closed(_close_reason(closed.get_close_code(), closed.get_close_reason()))


func _open_socket() -> void:
	_retry_at_msec = -1
	_was_open = false
	_taken_in = false
	_backlog.clear()
	_backlog_next = 0
	_server_reason = ""
	_peer = WebSocketPeer.new()
	_peer.inbound_buffer_size = INBOUND_BUFFER_BYTES
	_peer.max_queued_packets = MAX_QUEUED_PACKETS
	_peer.outbound_buffer_size = OUTBOUND_BUFFER_BYTES
	_connect_started_msec = Time.get_ticks_msec()
	_url = _servers.current()
	# wss:// uses the default client TLS options (the system's trusted CAs).
	var err := _peer.connect_to_url(_url)
	var new_status := Status.RECONNECTING if status == Status.RECONNECTING else Status.CONNECTING
	_set_status(new_status, "Connecting to %s…" % _url)
	if err != OK:
		_peer = null
		_on_closed(error_string(err))


func _on_closed(reason: String) -> void:
	var had_opened := _was_open
	_peer = null
	_was_open = false
	if not _wanted:
		_set_status(Status.CLOSED, "Connection closed: %s" % reason)
		return
	# Whatever went wrong (no answer, timed out, dropped, "Server full", "Server shutting down"),
	# the next attempt goes to the next address: see ServerList for the delays.
	var delay := _servers.failed()
	_retry_at_msec = Time.get_ticks_msec() + int(delay * 1000.0)
	var what := "Connection lost" if had_opened else "Could not connect to %s" % _url
	var when := "%d s" % roundi(delay) if delay >= 1.0 else "%.1f s" % delay
	var next := _servers.current()
	_set_status(Status.RECONNECTING, "%s: %s, trying %s in %s" % [what, reason, next, when])


## Hands queued frames to the listeners, in order. See CATCH_UP_PACKETS for the catch-up.
func _deliver() -> void:
	var peer := _peer
	var tree := get_tree()
	if _backlog_next >= _backlog.size() and peer.get_available_packet_count() > CATCH_UP_PACKETS:
		_catch_up(peer)
	# During a scene switch current_scene is null until the new scene enters the tree at the end
	# of the frame: keep the packets queued for it (also when the switch came from a click).
	while not _paused and tree.current_scene != null:
		var bytes: PackedByteArray
		if _backlog_next < _backlog.size():
			bytes = _backlog[_backlog_next]
			_backlog_next += 1
		elif peer.get_available_packet_count() > 0:
			bytes = peer.get_packet()
		else:
			break
		var packet := Proto.Packet.from_bytes(bytes)
		if packet == null:
			malformed_packets += 1
			if malformed_packets == 1:
				var note := "later ones are only counted"
				print("[rumble] skipped a malformed packet (%d bytes); %s" % [bytes.size(), note])
			continue
		if packet.msg_case == Proto.Packet.DISCONNECT:
			# The server says why before it closes; that beats a bare close code.
			_server_reason = packet.disconnect.reason
		elif not _taken_in:
			# Greeted (its IdMessage), not merely turned away ("Server full" comes on an open
			# socket too): only now does the back-off start over.
			_taken_in = true
			_servers.succeeded()
		packet_received.emit(packet)
		if _peer != peer:
			return  # a listener closed or replaced the socket
	if _backlog_next >= _backlog.size() and not _backlog.is_empty():
		_backlog.clear()
		_backlog_next = 0


## Frames stopped for a while: takes everything waiting and skips the WorldDeltas that are of no
## use any more, i.e. all of them before the newest waiting keyframe, or all of them when none is
## waiting (then a keyframe is requested). Everything else stays, in order.
func _catch_up(peer: WebSocketPeer) -> void:
	var frames: Array[PackedByteArray] = []
	var kinds := PackedByteArray()
	var last_keyframe := -1
	for i in peer.get_available_packet_count():
		var bytes := peer.get_packet()
		var kind := FramePeek.kind(bytes)
		if kind == FramePeek.KEYFRAME:
			last_keyframe = frames.size()
		frames.append(bytes)
		kinds.append(kind)
	var dropped := 0
	for i in frames.size():
		if kinds[i] != FramePeek.NOT_A_DELTA and (last_keyframe < 0 or i < last_keyframe):
			dropped += 1
		else:
			_backlog.append(frames[i])
	if dropped == 0:
		return
	dropped_deltas += dropped
	var kept := "kept the newest keyframe" if last_keyframe >= 0 else "asked for a keyframe"
	print("[rumble] caught up: skipped %d queued world deltas, %s" % [dropped, kept])
	if last_keyframe < 0:
		send(Proto.Packet.new().set_keyframe_request(Proto.KeyframeRequestMessage.new()))
	# Before the kept frames go out: listeners now wait for a keyframe, which is on its way.
	caught_up.emit(dropped)


## Human words for a close: the server's own reason when it gave one, else the close frame's.
func _close_reason(code: int, reason: String) -> String:
	if not _server_reason.is_empty():
		return _server_reason
	if not reason.is_empty():
		return reason
	match code:
		1000:
			return "closed by the server"
		1001:
			return "the server is going away"
		1006, -1:
			return "no connection" if not _was_open else "the connection dropped"
	return "close code %d" % code


func _set_status(new_status: Status, detail: String) -> void:
	status = new_status
	status_detail = detail
	print("[rumble] connection: %s" % detail)
	status_changed.emit(new_status, detail)


## The addresses to try, in order: one named address first (the page's `?server=`, else the
## user argument `--server=`, else in a browser the page's own host, `ws[s]://HOST/ws`, since the
## node that served the page is up), then the list of the page's `?servers=a,b`, else of the user
## argument `--servers=a,b` (the server's host page passes its CLIENT_SERVER_URLS that way).
## The project setting `rumble/network/server_url` only when none of these gives an address.
func _resolve_urls() -> PackedStringArray:
	var first := ServerList.parse_one(LaunchOptions.page_query("server"), "?server=")
	if first.is_empty():
		first = ServerList.parse_one(LaunchOptions.user_arg("server"), "--server=")
	if first.is_empty():
		first = LaunchOptions.page_socket_url()
	var listed := ServerList.parse_list(LaunchOptions.page_query("servers"), "?servers=")
	if listed.is_empty():
		listed = ServerList.parse_list(LaunchOptions.user_arg("servers"), "--servers=")
	var setting := str(ProjectSettings.get_setting(SERVER_URL_SETTING, DEFAULT_SERVER_URL))
	return ServerList.combine(first, listed, setting)
