extends VBoxContainer
## The hiscore board as a table of rank, name and score. Ten rows of Labels are made once and
## reused; names are plain Label text, so they cannot carry markup.

const ROWS := 10
const HIGHLIGHT := Color(1.0, 0.86, 0.25)
const NORMAL := Color(0.93, 0.94, 0.97)
const HEADER := Color(0.6, 0.65, 0.75)
const RANK_WIDTH := 70.0
const SCORE_WIDTH := 120.0

var _ranks: Array[Label] = []
var _names: Array[Label] = []
var _scores: Array[Label] = []
var _shown: Array[Dictionary] = []


func _init() -> void:
	add_theme_constant_override("separation", 2)
	add_child(_make_row("Rank", "Name", "Score", HEADER))
	for i in ROWS:
		var row := _make_row("", "", "", NORMAL)
		row.name = "HiscoreRow%d" % i
		row.visible = false
		add_child(row)
		_ranks.append(row.get_child(0) as Label)
		_names.append(row.get_child(1) as Label)
		_scores.append(row.get_child(2) as Label)


## Shows `rows` (Proto.HiscoreMessage, board order), highlighting names equal to `highlight`
## (ignoring case). Returns the rows as shown: [{rank, name, score, highlight}].
func show_rows(rows: Array, highlight: String) -> Array[Dictionary]:
	_shown.clear()
	var wanted := highlight.strip_edges().to_lower()
	for i in ROWS:
		var row := _ranks[i].get_parent() as Control
		if i >= rows.size():
			row.visible = false
			continue
		var entry: Proto.HiscoreMessage = rows[i]
		var lit := not wanted.is_empty() and entry.name.to_lower() == wanted
		var color := HIGHLIGHT if lit else NORMAL
		_ranks[i].text = "%d." % entry.rank
		_names[i].text = entry.name
		_scores[i].text = str(entry.score)
		for label: Label in [_ranks[i], _names[i], _scores[i]]:
			label.add_theme_color_override("font_color", color)
		row.visible = true
		var shown := {"rank": entry.rank, "name": entry.name, "score": entry.score}
		shown["highlight"] = lit
		_shown.append(shown)
	return _shown


func _make_row(rank: String, player: String, score: String, color: Color) -> HBoxContainer:
	var row := HBoxContainer.new()
	row.add_theme_constant_override("separation", 12)
	var cells: Array[Label] = [Label.new(), Label.new(), Label.new()]
	cells[0].text = rank
	cells[0].custom_minimum_size = Vector2(RANK_WIDTH, 0)
	cells[0].horizontal_alignment = HORIZONTAL_ALIGNMENT_RIGHT
	cells[1].text = player
	cells[1].size_flags_horizontal = Control.SIZE_EXPAND_FILL
	cells[1].clip_text = true
	cells[2].text = score
	cells[2].custom_minimum_size = Vector2(SCORE_WIDTH, 0)
	cells[2].horizontal_alignment = HORIZONTAL_ALIGNMENT_RIGHT
	for cell in cells:
		cell.add_theme_color_override("font_color", color)
		row.add_child(cell)
	return row
