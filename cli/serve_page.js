// igfsched serve's page: the timetable, drag and drop priced by the server while dragging, the
// sessions not placed, details with ranked alternatives, pins, undo/redo, the optimisation of the
// rest, versions and downloads. Every text of the problem reaches the page through textContent
// (el() below), never as markup; the server's Content-Security-Policy allows no inline script.
'use strict';

window.addEventListener('error', function (e) {
	var b = document.body;
	b.setAttribute('data-errors', String(+b.getAttribute('data-errors') + 1));
	b.setAttribute('data-error-text', (b.getAttribute('data-error-text') || '') + e.message + '\n');
});

var params = new URLSearchParams(location.search);
var TOKEN = params.get('token') || sessionStorage.getItem('igfsched-token') || '';
sessionStorage.setItem('igfsched-token', TOKEN);

var P = null;      // the problem (GET /api/problem)
var S = null;      // the state (GET /api/state)
var day = 0;       // the day shown
var G = 15;        // minutes per grid row
var selected = -1; // the session whose details are shown
var dayStart = [], dayEnd = [];
var sessionIndex = {};
var drag = null;   // the drag in progress
var hardOf = {};   // session index -> true when a hard violation names it

function $(id) { return document.getElementById(id); }

// An element with attributes and children; strings become text nodes, never markup.
function el(tag, attrs) {
	var e = document.createElement(tag);
	for (var k in attrs || {}) {
		if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
		if (k === 'class') e.className = attrs[k];
		else if (k === 'text') e.textContent = attrs[k];
		else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
		else e.setAttribute(k, attrs[k]);
	}
	for (var i = 2; i < arguments.length; i++) {
		var c = arguments[i];
		if (c === null || c === undefined) continue;
		e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
	}
	return e;
}

function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }

function hhmm(m) { return String(Math.floor(m / 60)).padStart(2, '0') + ':' + String(m % 60).padStart(2, '0'); }

function num(x) { return x === null || x === undefined ? '—' : (Math.round(x * 1000) / 1000).toLocaleString('en'); }

function signed(x) { return (x > 0 ? '+' : '') + num(x); }

function deltaClass(x) { return x < -1e-9 ? 'delta-less' : x > 1e-9 ? 'delta-more' : ''; }

function api(method, path, body) {
	var opt = {method: method, headers: {'X-Igfsched-Token': TOKEN}};
	if (body !== undefined) {
		opt.headers['Content-Type'] = 'application/json';
		opt.body = JSON.stringify(body);
	}
	return fetch(path, opt).then(function (r) {
		return r.json().then(function (j) { return {status: r.status, body: j}; });
	});
}

function say(text, ok) {
	var m = $('message');
	m.hidden = !text;
	m.className = ok ? 'ok' : '';
	m.textContent = text || '';
}

function hue(th) { return (200 + th * 137.508) % 360; }

function colour(e, s) {
	var th = P.sessions[s].themes[0];
	if (th === undefined) return;
	e.style.background = 'hsl(' + hue(th) + ',70%,88%)';
	e.style.borderColor = 'hsl(' + hue(th) + ',60%,30%)';
}

function placeText(pl) {
	if (!pl) return 'not placed';
	return P.days[pl.day].label + ' ' + pl.start + ', ' + P.rooms[pl.room].name;
}

// ---- loading ----

function gcd(a, b) { while (b) { var t = a % b; a = b; b = t; } return a; }

function init() {
	api('GET', '/api/problem').then(function (r) {
		if (r.status !== 200) { say(r.body.error); return; }
		P = r.body;
		document.title = P.name + ' — igfsched editor';
		$('title').textContent = P.name + ' — editor';
		P.sessions.forEach(function (x, i) { sessionIndex[x.id] = i; });
		var g = 60;
		P.days.forEach(function (d, k) {
			dayStart[k] = d.slots.length ? d.slots[0][0] : 0;
			dayEnd[k] = d.slots.length ? d.slots[d.slots.length - 1][1] : 0;
			d.slots.forEach(function (sl) { g = gcd(g, gcd(sl[0], sl[1])); });
		});
		P.times.forEach(function (t) { g = gcd(g, t[1]); });
		P.sessions.forEach(function (x) { g = gcd(g, x.duration); });
		G = Math.max(g, 5);
		P.themes.forEach(function (th, k) {
			$('theme').appendChild(el('option', {value: k}, th.name));
			$('uptheme').appendChild(el('option', {value: k}, th.name));
		});
		var types = {};
		P.sessions.forEach(function (x) { types[x.type] = true; });
		Object.keys(types).sort().forEach(function (t) { $('uptype').appendChild(el('option', {value: t}, t)); });
		[['json', 'JSON'], ['csv', 'CSV'], ['html', 'HTML'], ['ics', 'iCalendar'], ['frab', 'frab XML']].forEach(function (f) {
			$('downloads').appendChild(el('a', {href: '/api/download?format=' + f[0] + '&token=' + encodeURIComponent(TOKEN), 'data-format': f[0]}, f[1]));
		});
		buildTabs();
		refresh().then(function () {
			// The time from navigation to the timetable drawn, for bench/serve_bench.py.
			document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
			document.body.setAttribute('data-ready', '1');
		});
		listVersions();
		listen();
	});
}

function refresh() {
	return api('GET', '/api/state').then(function (r) {
		if (r.status !== 200) { say(r.body.error); return; }
		S = r.body;
		render();
	});
}

// ---- events: several people at once ----

function listen() {
	var es = new EventSource('/api/events?token=' + encodeURIComponent(TOKEN));
	es.addEventListener('hello', function () { $('conn').textContent = ''; });
	es.addEventListener('state', function (e) {
		var d = JSON.parse(e.data);
		if (!S || d.version !== S.version) refresh();
	});
	es.addEventListener('progress', function (e) {
		var d = JSON.parse(e.data);
		$('progress').textContent = 'optimising: ' + d.tried.toLocaleString('en') + ' moves tried, best ' + num(d.best);
	});
	es.addEventListener('optimise', function () { optStatus(); });
	es.addEventListener('versions', function () { listVersions(); });
	es.onerror = function () { $('conn').textContent = '(reconnecting to the server…)'; };
}

// ---- the timetable ----

function buildTabs() {
	var tabs = clear($('tabs'));
	P.days.forEach(function (d, k) {
		tabs.appendChild(el('button', {type: 'button', role: 'tab', 'aria-selected': k === day ? 'true' : 'false', 'data-day': k,
			onclick: function () { day = k; buildTabs(); render(); }}, d.label, el('small', null, d.date)));
	});
}

function rowOf(m) { return Math.round((m - dayStart[day]) / G) + 2; }

function render() {
	if (!P || !S) return;
	hardOf = {};
	S.violations.forEach(function (v) { if (v.a >= 0) hardOf[v.a] = true; if (v.b >= 0) hardOf[v.b] = true; });
	var hs = S.hard;
	var sum = $('summary');
	clear(sum);
	sum.appendChild(el('span', null, S.scheduled + ' scheduled, ' + S.unscheduled + ' not placed · score '));
	sum.appendChild(el('b', {id: 'score'}, num(S.score)));
	sum.appendChild(el('span', null, ' (lower is better) · '));
	sum.appendChild(el('span', {id: 'hard', class: hs ? 'hardn' : 'good', 'data-hard': hs}, hs + ' hard violation' + (hs === 1 ? '' : 's')));
	sum.appendChild(el('span', null, ' · version '));
	sum.appendChild(el('span', {id: 'version'}, S.version));
	$('undo').disabled = !S.can_undo;
	$('redo').disabled = !S.can_redo;
	var running = S.optimising === 'running';
	$('optimise').disabled = running;
	$('stop').hidden = !running;
	renderGrid();
	renderUnplaced();
	renderViolations();
	if (selected >= 0) showDetails(selected);
}

function renderGrid() {
	var board = clear($('board'));
	var nr = P.rooms.length;
	var rows = Math.max(1, Math.ceil((dayEnd[day] - dayStart[day]) / G));
	var grid = el('div', {class: 'grid', id: 'grid'});
	grid.style.gridTemplateColumns = '52px repeat(' + nr + ', minmax(120px, 1fr))';
	grid.style.gridTemplateRows = 'auto repeat(' + rows + ', minmax(11px, auto))';
	var corner = el('div', {class: 'rh corner'}, 'time');
	corner.style.gridRow = '1'; corner.style.gridColumn = '1';
	grid.appendChild(corner);
	P.rooms.forEach(function (r, k) {
		var h = el('div', {class: 'rh', title: r.id}, r.name, el('small', null, r.capacity ? r.capacity + ' seats' : ''));
		h.style.gridRow = '1'; h.style.gridColumn = String(k + 2);
		grid.appendChild(h);
	});
	var startAt = {};
	P.times.forEach(function (t, i) { if (t[0] === day) startAt[t[1]] = i; });
	var slots = P.days[day].slots;
	for (var i = 0; i < rows; i++) {
		var m = dayStart[day] + i * G;
		var inSlot = slots.some(function (sl) { return m >= sl[0] && m < sl[1]; });
		if (m % 30 === 0 || startAt[m] !== undefined) {
			var tm = el('div', {class: 'tm'}, hhmm(m));
			tm.style.gridRow = String(i + 2); tm.style.gridColumn = '1';
			grid.appendChild(tm);
		}
		for (var k = 0; k < nr; k++) {
			var c = el('div', {class: 'c' + (inSlot ? '' : ' b') + (startAt[m] !== undefined ? ' st' : '')});
			if (startAt[m] !== undefined) { c.setAttribute('data-t', startAt[m]); c.setAttribute('data-r', k); }
			c.style.gridRow = String(i + 2); c.style.gridColumn = String(k + 2);
			grid.appendChild(c);
		}
	}
	var th = $('theme').value;
	S.placements.forEach(function (pl, s) {
		if (!pl || P.times[pl[0]][0] !== day) return;
		var x = P.sessions[s], start = P.times[pl[0]][1];
		var b = sessionBox(s);
		b.style.gridRow = rowOf(start) + ' / span ' + Math.max(1, Math.round(x.duration / G));
		b.style.gridColumn = String(pl[1] + 2);
		if (th !== '' && x.themes.indexOf(+th) < 0) b.classList.add('dim');
		grid.appendChild(b);
	});
	board.appendChild(grid);
}

function sessionBox(s) {
	var x = P.sessions[s], pl = S.placements[s];
	var cls = 's' + (hardOf[s] ? ' hard' : '') + (S.pinned.indexOf(s) >= 0 ? ' pin' : '') +
		(S.moved.indexOf(s) >= 0 ? ' moved' : '') + (s === selected ? ' on' : '');
	var when = pl ? hhmm(P.times[pl[0]][1]) + '–' + hhmm(P.times[pl[0]][1] + x.duration) + ' · ' : '';
	var b = el('div', {class: cls, 'data-sid': x.id, 'data-s': s, title: x.id + ': ' + x.title},
		el('b', null, x.title), el('span', {class: 'm'}, when + x.id + ' · ' + x.type));
	colour(b, s);
	b.addEventListener('pointerdown', function (e) { pointerDown(e, s); });
	return b;
}

function renderUnplaced() {
	var list = clear($('uplist'));
	var th = $('uptheme').value, ty = $('uptype').value, tx = $('uptext').value.toLowerCase();
	var n = 0, shown = 0;
	S.placements.forEach(function (pl, s) {
		if (pl) return;
		n++;
		var x = P.sessions[s];
		if (th !== '' && x.themes.indexOf(+th) < 0) return;
		if (ty !== '' && x.type !== ty) return;
		if (tx && (x.id + ' ' + x.title + ' ' + x.description).toLowerCase().indexOf(tx) < 0) return;
		shown++;
		var b = sessionBox(s);
		b.appendChild(el('span', {class: 'why'}, (x.optional ? 'optional · ' : 'required · ') + (S.reasons[x.id] || '')));
		list.appendChild(el('li', null, b));
	});
	$('nunplaced').textContent = shown === n ? '(' + n + ')' : '(' + shown + ' of ' + n + ')';
}

function renderViolations() {
	var v = $('violations');
	clear(v);
	v.hidden = S.violations.length === 0;
	v.appendChild(el('h2', null, 'Hard violations (' + S.violations.length + ')'));
	var ul = el('ul');
	S.violations.forEach(function (x) { ul.appendChild(el('li', {class: 'broken'}, x.text)); });
	v.appendChild(ul);
}

// ---- dragging: pointer events, so mouse, pen and touch work alike ----

function pointerDown(e, s) {
	if (e.button !== 0) return;
	e.preventDefault();
	// A pinned session is not dragged (the server would refuse the move): a press only selects it.
	drag = {s: s, x: e.clientX, y: e.clientY, started: false, cells: null, over: null, version: S.version,
		fixed: S.pinned.indexOf(s) >= 0};
	document.addEventListener('pointermove', pointerMove);
	document.addEventListener('pointerup', pointerUp);
}

function startDrag() {
	drag.started = true;
	document.body.classList.add('dragging');
	$('board').classList.add('dragging');
	var src = document.querySelectorAll('[data-s="' + drag.s + '"]');
	src.forEach(function (n) { n.classList.add('src'); });
	var g = $('ghost');
	clear(g);
	g.appendChild(el('span', null, P.sessions[drag.s].title));
	g.appendChild(el('span', {class: 'v', id: 'ghostv'}, 'pricing every cell…'));
	g.hidden = false;
	// The verdict of every cell, asked once when the drag starts.
	var d = drag;
	api('POST', '/api/cells', {session: P.sessions[d.s].id}).then(function (r) {
		if (drag !== d || r.status !== 200) return;
		d.cells = r.body.cells;
		shade();
		hover(d.lastTarget);
	});
}

function shade() {
	document.querySelectorAll('#grid .c[data-t]').forEach(function (c) {
		var v = drag.cells[+c.getAttribute('data-t')][+c.getAttribute('data-r')];
		c.classList.remove('less', 'more', 'same', 'hard');
		if (typeof v === 'string' || v === null) { c.classList.add('hard'); c.title = v || 'breaks a hard rule'; }
		else c.classList.add(v < -1e-9 ? 'less' : v > 1e-9 ? 'more' : 'same');
	});
}

function unshade() {
	document.querySelectorAll('#grid .c').forEach(function (c) { c.classList.remove('less', 'more', 'same', 'hard', 'over'); c.removeAttribute('title'); });
	document.querySelectorAll('.src').forEach(function (n) { n.classList.remove('src'); });
	document.body.classList.remove('dragging');
	$('board').classList.remove('dragging');
	$('unplaced').classList.remove('target');
	$('ghost').hidden = true;
}

function targetAt(x, y) {
	var n = document.elementFromPoint(x, y);
	while (n && n !== document.body) {
		if (n.classList && n.classList.contains('c') && n.hasAttribute('data-t')) return n;
		if (n.id === 'unplaced') return n;
		n = n.parentNode;
	}
	return null;
}

function hover(t) {
	if (!drag) return;
	if (drag.over && drag.over !== t && drag.over.classList) drag.over.classList.remove('over');
	drag.over = t;
	$('unplaced').classList.toggle('target', !!t && t.id === 'unplaced');
	var gv = $('ghostv');
	if (!t) { gv.textContent = drag.cells ? 'drop on a start time' : 'pricing every cell…'; return; }
	if (t.id === 'unplaced') { gv.textContent = 'leave it out'; return; }
	t.classList.add('over');
	if (!drag.cells) return;
	var v = drag.cells[+t.getAttribute('data-t')][+t.getAttribute('data-r')];
	gv.textContent = typeof v === 'string' || v === null ? 'breaks: ' + (v || 'a hard rule') : 'score ' + signed(v);
}

function pointerMove(e) {
	if (!drag) return;
	if (!drag.started && !drag.fixed && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 4) startDrag();
	if (!drag.started) return;
	var g = $('ghost');
	g.style.left = (e.clientX + 14) + 'px';
	g.style.top = (e.clientY + 10) + 'px';
	drag.lastTarget = targetAt(e.clientX, e.clientY);
	hover(drag.lastTarget);
}

function pointerUp(e) {
	document.removeEventListener('pointermove', pointerMove);
	document.removeEventListener('pointerup', pointerUp);
	var d = drag;
	drag = null;
	if (!d) return;
	if (!d.started) { showDetails(d.s); return; }
	var t = targetAt(e.clientX, e.clientY);
	unshade();
	if (!t) return;
	var s = d.s, body = {version: d.version, session: P.sessions[s].id, force: $('force').checked};
	if (t.id === 'unplaced') {
		if (!S.placements[s]) return;
		body.out = true;
	} else {
		var ti = +t.getAttribute('data-t'), r = +t.getAttribute('data-r');
		body.day = P.times[ti][0];
		body.start = hhmm(P.times[ti][1]);
		body.room = P.rooms[r].id;
	}
	move(body);
}

function move(body) {
	return api('POST', '/api/move', body).then(function (r) {
		if (r.status === 200) {
			say('');
			S = r.body;
			render();
			showVerdict(body, r.body.move, true);
		} else if (r.status === 422) {
			showVerdict(body, r.body, false);
			say(r.body.error);
		} else {
			say(r.body.error);
			if (r.status === 409) refresh();
		}
	});
}

function clashList(title, list) {
	if (!list.length) return null;
	var ul = el('ul');
	list.forEach(function (c) {
		var i = sessionIndex[c.session];
		ul.appendChild(el('li', null, c.session + ' ' + P.sessions[i].title + (c.hard ? ' (hard)' : ' (' + num(c.cost) + ')')));
	});
	return el('div', null, el('b', null, title), ul);
}

function brokenList(list) {
	if (!list.length) return null;
	var ul = el('ul', {class: 'broken'});
	list.forEach(function (b) { ul.appendChild(el('li', null, b.text)); });
	return el('div', {class: 'broken'}, el('b', null, 'Breaks:'), ul);
}

function showVerdict(body, v, made) {
	var p = clear($('verdict'));
	p.hidden = false;
	var where = body.out ? 'left out' : body.start + ' ' + P.days[body.day].label + ', ' + body.room;
	p.appendChild(el('h2', null, (made ? 'Moved ' : 'Refused: ') + body.session + ' → ' + where));
	p.appendChild(el('p', {id: 'verdict-score'}, 'score ', el('span', {class: deltaClass(v.delta)}, signed(v.delta)),
		' → ' + num(v.score_after)));
	p.appendChild(brokenList(v.broken) || el('span'));
	p.appendChild(clashList('Clashes made:', v.clashes_made) || el('span'));
	p.appendChild(clashList('Clashes removed:', v.clashes_removed) || el('span'));
	p.setAttribute('data-feasible', v.feasible ? '1' : '0');
}

// ---- details and alternatives ----

function showDetails(s) {
	selected = s;
	document.querySelectorAll('.s.on').forEach(function (n) { n.classList.remove('on'); });
	document.querySelectorAll('[data-s="' + s + '"]').forEach(function (n) { n.classList.add('on'); });
	var x = P.sessions[s];
	api('POST', '/api/alternatives', {session: x.id, top: 8}).then(function (r) {
		if (r.status !== 200 || selected !== s) return;
		var a = r.body, p = clear($('details'));
		p.hidden = false;
		p.setAttribute('data-session', x.id);
		var pinned = S.pinned.indexOf(s) >= 0;
		p.appendChild(el('h2', null, x.title));
		p.appendChild(el('div', null, x.id + ' · ' + x.type + ' · ' + x.duration + ' min' + (x.optional ? ' · optional, priority ' + x.priority : ' · required')));
		p.appendChild(el('div', null, 'Themes: ' + (x.themes.map(function (t) { return P.themes[t].name; }).join(', ') || 'none')));
		p.appendChild(el('div', null, 'People: ' + (x.people.map(function (k) { return P.people[k]; }).join(', ') || 'none')));
		if (x.description) p.appendChild(el('p', {class: 'hint'}, x.description));
		p.appendChild(el('div', null, 'Now: ' + (a.at ? a.at.start + ' ' + P.days[a.at.day].label + ', ' + P.rooms[a.at.room].name : 'not placed')));
		if (a.at) {
			p.appendChild(el('div', null, 'Leaving it out would change the score by ', el('b', {class: deltaClass(a.leave_out.delta)}, signed(a.leave_out.delta)),
				a.leave_out.feasible ? '' : ' (it is required)'));
			p.appendChild(clashList('Its clashes now:', a.leave_out.clashes_removed) || el('span'));
		}
		p.appendChild(el('button', {type: 'button', id: 'pin', onclick: function () { pin(s, !pinned); }}, pinned ? 'Unpin' : 'Pin here'));
		p.appendChild(el('h2', null, 'Best alternatives'));
		var list = el('div', {id: 'alternatives'});
		if (!a.alternatives.length) list.appendChild(el('p', {class: 'hint'}, 'No other placement keeps every hard rule.'));
		a.alternatives.forEach(function (alt, k) {
			var made = alt.clashes_made.map(function (c) { return c.session; }).join(', ');
			list.appendChild(el('div', {class: 'alt'},
				el('span', null, alt.to.start + ' ' + P.days[alt.to.day].label + ', ' + P.rooms[alt.to.room].name,
					el('br'), el('small', null, made ? 'clashes with ' + made : 'no new clash')),
				el('span', {class: deltaClass(alt.delta)}, signed(alt.delta)),
				el('button', {type: 'button', class: 'apply', 'data-k': k, disabled: pinned ? 'disabled' : null,
					onclick: function () {
						move({version: a.version, session: x.id, day: alt.to.day, start: alt.to.start, room: alt.to.room_id});
					}}, 'Apply')));
		});
		p.appendChild(list);
	});
}

function pin(s, on) {
	api('POST', '/api/pin', {version: S.version, session: P.sessions[s].id, pinned: on}).then(function (r) {
		if (r.status !== 200) { say(r.body.error); return; }
		S = r.body;
		render();
	});
}

// ---- undo, redo ----

function step(which) {
	api('POST', '/api/' + which, {version: S.version}).then(function (r) {
		if (r.status !== 200) { say(r.body.error); if (r.status === 409) refresh(); return; }
		say('');
		S = r.body;
		render();
	});
}

// ---- optimise the rest ----

function optimise() {
	var sec = +$('seconds').value;
	api('POST', '/api/optimise', {version: S.version, fix_moved: $('fixmoved').checked, seconds: sec > 0 ? sec : 10}).then(function (r) {
		if (r.status !== 202) { say(r.body.error); return; }
		$('optresult').hidden = true;
		$('progress').textContent = 'optimising…';
		$('optimise').disabled = true;
		$('stop').hidden = false;
	});
}

function optStatus() {
	api('GET', '/api/optimise').then(function (r) {
		var o = r.body;
		var running = o.status === 'running';
		$('optimise').disabled = running;
		$('stop').hidden = !running;
		if (running) return;
		$('progress').textContent = o.status === 'done' ? 'done: ' + o.moves.length + ' moves suggested' : o.error;
		if (o.status !== 'done') return;
		var p = clear($('optresult'));
		p.hidden = false;
		p.appendChild(el('h2', null, 'Optimisation: ' + o.moves.length + ' moves, score ' + num(S.score) + ' → ' + num(o.score)));
		if (o.hard) p.appendChild(el('p', {class: 'broken'}, o.hard + ' hard violations remain'));
		var table = el('table', {id: 'optmoves'}, el('tr', null, el('th', null, ''), el('th', null, 'session'), el('th', null, 'from'), el('th', null, 'to')));
		o.moves.forEach(function (m) {
			var i = sessionIndex[m.session];
			table.appendChild(el('tr', null, el('td', null, el('input', {type: 'checkbox', checked: 'checked', 'data-session': m.session})),
				el('td', null, m.session + ' ' + P.sessions[i].title), el('td', null, placeText(m.from)), el('td', null, placeText(m.to))));
		});
		p.appendChild(table);
		p.appendChild(el('button', {type: 'button', id: 'accept', onclick: function () {
			var ids = [];
			table.querySelectorAll('input:checked').forEach(function (c) { ids.push(c.getAttribute('data-session')); });
			api('POST', '/api/optimise/accept', {version: S.version, sessions: ids}).then(function (rr) {
				if (rr.status !== 200) { say(rr.body.error); return; }
				say('accepted ' + rr.body.applied + ' moves', true);
				p.hidden = true;
				S = rr.body;
				render();
			});
		}}, 'Accept the ticked moves'));
		p.appendChild(el('button', {type: 'button', id: 'reject', onclick: function () { p.hidden = true; }}, 'Reject all'));
	});
}

// ---- versions ----

function listVersions() {
	api('GET', '/api/versions').then(function (r) {
		if (r.status !== 200) return;
		var keep = [$('versions').value, $('cmpa').value, $('cmpb').value];
		[$('versions'), $('cmpa'), $('cmpb')].forEach(function (sel, k) {
			clear(sel);
			if (k > 0) sel.appendChild(el('option', {value: 'current'}, 'current'));
			r.body.versions.forEach(function (v) { sel.appendChild(el('option', {value: v}, v)); });
			if (keep[k]) sel.value = keep[k];
		});
	});
}

function save() {
	var name = $('vname').value.trim();
	api('POST', '/api/versions/save', {name: name}).then(function (r) {
		if (r.status !== 200) { say(r.body.error); return; }
		say('saved version ' + r.body.saved, true);
		listVersions();
	});
}

function openVersion() {
	var name = $('versions').value;
	if (!name) return;
	api('POST', '/api/versions/open', {version: S.version, name: name}).then(function (r) {
		if (r.status !== 200) { say(r.body.error); return; }
		say('opened version ' + name, true);
		S = r.body;
		render();
	});
}

function compare() {
	api('POST', '/api/compare', {a: $('cmpa').value || 'current', b: $('cmpb').value || 'current'}).then(function (r) {
		if (r.status !== 200) { say(r.body.error); return; }
		var c = r.body, p = clear($('cmpresult'));
		p.hidden = false;
		p.appendChild(el('h2', null, c.a + ' → ' + c.b + ': ' + c.changes.length + ' sessions changed'));
		var table = el('table', null, el('tr', null, el('th', null, 'session'), el('th', null, 'change'), el('th', null, 'from'), el('th', null, 'to'), el('th', null, 'people')));
		c.changes.forEach(function (x) {
			table.appendChild(el('tr', null, el('td', null, x.session + ' ' + x.title), el('td', null, x.change),
				el('td', null, placeText(x.from)), el('td', null, placeText(x.to)), el('td', null, x.people.join(', '))));
		});
		p.appendChild(table);
		p.appendChild(el('p', null, el('b', null, 'To notify: '), c.notify.join(', ') || 'nobody'));
		p.appendChild(el('button', {type: 'button', onclick: function () { p.hidden = true; }}, 'Close'));
	});
}

// ---- wiring ----

document.addEventListener('DOMContentLoaded', function () {
	$('undo').addEventListener('click', function () { step('undo'); });
	$('redo').addEventListener('click', function () { step('redo'); });
	$('theme').addEventListener('change', render);
	['uptheme', 'uptype'].forEach(function (id) { $(id).addEventListener('change', renderUnplaced); });
	$('uptext').addEventListener('input', renderUnplaced);
	$('optimise').addEventListener('click', optimise);
	$('stop').addEventListener('click', function () { api('POST', '/api/optimise/stop', {}); });
	$('save').addEventListener('click', save);
	$('open').addEventListener('click', openVersion);
	$('compare').addEventListener('click', compare);
	document.addEventListener('keydown', function (e) {
		if (e.target.tagName === 'INPUT') return;
		if ((e.ctrlKey || e.metaKey) && e.key === 'z') { e.preventDefault(); step('undo'); }
		if ((e.ctrlKey || e.metaKey) && e.key === 'y') { e.preventDefault(); step('redo'); }
	});
	init();
});
