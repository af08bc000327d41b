extends RefCounted
## The spores the client knows (WorldModel extends this): packed arrays with swap-remove, indexed
## by id, and the indices the renderer has yet to redraw.

## Spores in packed arrays (swap-remove), index by id in spore_index.
var spore_index: Dictionary[int, int] = {}
var spore_ids: PackedInt64Array = PackedInt64Array()
var spore_x: PackedFloat32Array = PackedFloat32Array()
var spore_y: PackedFloat32Array = PackedFloat32Array()
var spore_r: PackedFloat32Array = PackedFloat32Array()
var spore_color: PackedColorArray = PackedColorArray()
## Indices whose spore changed (added, moved by a swap-remove) since the renderer last looked;
## spores_all_dirty when too many piled up. The renderer clears both.
var spore_dirty: PackedInt32Array = PackedInt32Array()
var spores_all_dirty: bool = false


func spore_count() -> int:
	return spore_ids.size()


## A stable hue per spore id (every client the same, unlike the original's randf()).
static func spore_color_for(id: int) -> Color:
	var hue: float = fposmod(float(id) * 0.6180339887498949, 1.0)
	return Color.from_hsv(hue, 0.8, 1.0)


func _clear_spores() -> void:
	spore_index.clear()
	spore_ids.resize(0)
	spore_x.resize(0)
	spore_y.resize(0)
	spore_r.resize(0)
	spore_color.resize(0)


func _add_spore(id: int, x: float, y: float, r: float) -> void:
	var i: int = spore_index.get(id, -1)
	if i >= 0:
		spore_x[i] = x
		spore_y[i] = y
		spore_r[i] = r
		_mark_spore(i)
		return
	_mark_spore(spore_ids.size())
	spore_index[id] = spore_ids.size()
	spore_ids.append(id)
	spore_x.append(x)
	spore_y.append(y)
	spore_r.append(r)
	spore_color.append(spore_color_for(id))


func _mark_spore(i: int) -> void:
	if spores_all_dirty:
		return
	if spore_dirty.size() >= 4096:
		spores_all_dirty = true
		spore_dirty.clear()
		return
	spore_dirty.append(i)


func _remove_spore(id: int) -> void:
	var i: int = spore_index.get(id, -1)
	if i < 0:
		return
	spore_index.erase(id)
	var last: int = spore_ids.size() - 1
	if i != last:
		var moved: int = spore_ids[last]
		spore_ids[i] = moved
		spore_x[i] = spore_x[last]
		spore_y[i] = spore_y[last]
		spore_r[i] = spore_r[last]
		spore_color[i] = spore_color[last]
		spore_index[moved] = i
		_mark_spore(i)
	spore_ids.resize(last)
	spore_x.resize(last)
	spore_y.resize(last)
	spore_r.resize(last)
	spore_color.resize(last)
