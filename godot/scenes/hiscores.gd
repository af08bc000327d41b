extends Control
## Hiscores: the top 10 on entry, search by name (button or Enter) with matching rows
## highlighted, and paging with Prev / Next.
##
## Paging: the protocol only offers the top 10 and "10 rows around a name" (the server puts that
## name at index 5 of its window, or keeps the window full near either end). So a page turn is a
## short walk of searches: search a name from the rows we have, see where its window starts,
## and search again with the name that should sit 5 rows into the wanted page, until the window
## starts right after (Next) or ends right before (Prev) the page we had. Positions are counted
## from the names found in both windows, never from ranks, so tied scores do not confuse it.
## Next takes three searches, Prev two; at either end of the board the walk stops where the
## server's window stops moving.

const Kit := preload("res://ui/menu_kit.gd")
const LogView := preload("res://ui/log_view.gd")
const HiscoreTable := preload("res://ui/hiscore_table.gd")

const ROWS := 10
## Index of the searched name in the server's window (offset = position - ROWS / 2).
const SERVER_CENTRE := 5
const MAX_HOPS := 5

var _search: LineEdit
var _search_button: Button
var _prev: Button
var _next: Button
var _page_label: Label
var _table: HiscoreTable
var _log: LogView
## The page on screen (Proto.HiscoreMessage), and the name to highlight (the last search).
var _rows: Array = []
var _highlight: String = ""
## The first name of the top-10 board: a page starting with it is the top (ranks can't tell when
## scores tie, as every rank of a tie at the top is 1).
var _top_name: String = ""
var _asked_top: bool = false

## A page turn in progress. Positions are relative to the first row of the page it started from.
var _walking: bool = false
var _walk_target: int = 0
var _walk_rows: Array = []
var _walk_base: int = 0
var _walk_anchor: String = ""
var _walk_anchor_pos: int = 0
var _walk_hops: int = 0


func _ready() -> void:
	var column := Kit.screen(self, 36)
	var back := Kit.button("HiscoresBack", "Back")
	_search = Kit.line_edit("HiscoresSearch", "Search")
	_search.custom_minimum_size = Vector2(0, 0)
	_search.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	_search_button = Kit.button("HiscoresSearchButton", "Search")
	column.add_child(Kit.row([back, _search, _search_button]))
	_table = HiscoreTable.new()
	_table.name = "HiscoresTable"
	_table.custom_minimum_size = Vector2(Kit.FIELD_WIDTH, 0)
	column.add_child(_table)
	_prev = Kit.button("HiscoresPrev", "< Prev")
	_next = Kit.button("HiscoresNext", "Next >")
	_page_label = Label.new()
	_page_label.name = "HiscoresPage"
	_page_label.horizontal_alignment = HORIZONTAL_ALIGNMENT_CENTER
	_page_label.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	column.add_child(Kit.row([_prev, _page_label, _next]))
	_log = Kit.log_view("HiscoresLog", 80.0) as LogView
	column.add_child(_log)
	back.pressed.connect(Game.finish_hiscores)
	_search.text_submitted.connect(_on_search_submitted)
	_search_button.pressed.connect(_submit_search)
	_prev.pressed.connect(_turn_page.bind(-1))
	_next.pressed.connect(_turn_page.bind(1))
	Game.hiscores_received.connect(_on_board)
	Game.request_finished.connect(_on_request_finished)
	Game.notice.connect(_log.add_line)
	WebBridge.publish("error", "")
	WebBridge.publish("hiscores", [])
	_update_buttons()
	_asked_top = true
	Game.request_hiscores()
	_search.grab_focus.call_deferred()


## Escape goes back, like the Back button (in _input: a focused LineEdit would take it otherwise).
func _input(event: InputEvent) -> void:
	if event.is_action_pressed("ui_cancel"):
		get_viewport().set_input_as_handled()
		Game.finish_hiscores()


func _on_search_submitted(_text: String) -> void:
	_submit_search()


func _submit_search() -> void:
	var wanted := _search.text.strip_edges()
	if wanted.is_empty() or Game.is_busy():
		return
	_walking = false
	_highlight = wanted
	Game.search_hiscores(wanted)
	_update_buttons()


func _turn_page(direction: int) -> void:
	if _rows.is_empty() or Game.is_busy():
		return
	_walking = true
	_walk_rows = _rows
	_walk_base = 0
	_walk_hops = 0
	_walk_target = _rows.size() if direction > 0 else -ROWS
	_hop()


## Searches the row whose window should start at the target (it sits SERVER_CENTRE rows in).
func _hop() -> void:
	var index := clampi(_walk_target + SERVER_CENTRE - _walk_base, 0, _walk_rows.size() - 1)
	var anchor: Proto.HiscoreMessage = _walk_rows[index]
	_walk_anchor = anchor.name.to_lower()
	_walk_anchor_pos = _walk_base + index
	_walk_hops += 1
	Game.search_hiscores(anchor.name)
	_update_buttons()


func _on_board(rows: Array) -> void:
	if not _walking:
		_show(rows)
		return
	var found := -1
	for i in rows.size():
		if (rows[i] as Proto.HiscoreMessage).name.to_lower() == _walk_anchor:
			found = i
			break
	if found < 0:
		_walking = false  # the board changed under us: show what came
		_show(rows)
		return
	var base := _walk_anchor_pos - found
	var moved := base != _walk_base
	_walk_rows = rows
	_walk_base = base
	if base != _walk_target and moved and _walk_hops < MAX_HOPS:
		_hop()
		return
	_walking = false
	if base == 0:
		var end := "bottom" if _walk_target > 0 else "top"
		_log.add_line("Already at the %s of the hiscores" % end, Game.Level.WARNING)
	_show(rows)


func _on_request_finished(request: int, ok: bool, reason: String) -> void:
	if request != Game.Request.HISCORES and request != Game.Request.SEARCH:
		return
	if not ok:
		# e.g. "No player found with that name": the page stays as it was.
		_walking = false
		_asked_top = false
		_log.add_line(reason, Game.Level.ERROR)
		WebBridge.publish("error", reason)
	_update_buttons()


func _show(rows: Array) -> void:
	_rows = rows
	if _asked_top:
		_asked_top = false
		_top_name = (rows[0] as Proto.HiscoreMessage).name if not rows.is_empty() else ""
	var shown := _table.show_rows(rows, _highlight)
	WebBridge.publish("hiscores", shown.duplicate(true))
	WebBridge.publish("error", "")
	if rows.is_empty():
		_page_label.text = "No scores yet"
	else:
		var first: Proto.HiscoreMessage = rows[0]
		var last: Proto.HiscoreMessage = rows[rows.size() - 1]
		_page_label.text = "Ranks %d-%d" % [first.rank, last.rank]
	_update_buttons()


func _update_buttons() -> void:
	var busy := Game.is_busy() or _walking
	var at_top := _rows.is_empty() or (_rows[0] as Proto.HiscoreMessage).name == _top_name
	_prev.disabled = busy or at_top
	_next.disabled = busy or _rows.size() < ROWS
	_search_button.disabled = busy
