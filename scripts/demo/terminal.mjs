// Terminal output of the demo: a live progress bar on a TTY, plain lines otherwise, tables that fit
// 80 columns. `--json` mode prints nothing here (the caller prints one JSON document at the end).

export function createTerminal({ json = false, stream = process.stdout } = {}) {
	const tty = Boolean(stream.isTTY) && !json;
	let lastDraw = 0;
	let lastPlainQuarter = -1;
	const write = (text) => {
		if (!json) stream.write(text);
	};
	return {
		line: (text = '') => write(`${text}\n`),
		heading: (text) => write(`\n${tty ? `\x1b[1m${text}\x1b[0m` : text}\n`),
		progress(label, done, total) {
			const percent = total ? Math.floor((done / total) * 100) : 100;
			if (tty) {
				const now = Date.now();
				if (now - lastDraw < 50 && done < total) return;
				lastDraw = now;
				const width = 30;
				const filled = Math.round((percent / 100) * width);
				const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
				write(`\r\x1b[K  ${label.padEnd(18).slice(0, 18)} ${bar} ${String(percent).padStart(3)}%`);
				if (done >= total) write('\n');
			} else if (Math.floor(percent / 25) > lastPlainQuarter) {
				// Plain output (not a TTY): one line per quarter, 25 % … 100 %.
				lastPlainQuarter = Math.floor(percent / 25);
				if (lastPlainQuarter > 0) write(`  ${label}: ${lastPlainQuarter * 25}%\n`);
				if (done >= total) lastPlainQuarter = -1;
			}
		},
		table(headers, rows) {
			const widths = headers.map((h, i) =>
				Math.max(h.length, ...rows.map((r) => String(r[i]).length)),
			);
			const fmt = (cells) =>
				cells
					.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
					.join('  ');
			write(`  ${fmt(headers)}\n  ${widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
			for (const row of rows) write(`  ${fmt(row)}\n`);
		},
	};
}
