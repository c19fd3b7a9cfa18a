/** Options of the window-discord test; all have defaults. */
export interface WindowDiscordOptions {
  /** Rows averaged into one block (a coarse time step); default 6. */
  discordBlockRows?: number;
  /** Blocks per window (the window spans blockRows × blocks rows); default 8. */
  discordBlocks?: number;
  /** Past windows remembered (one kept every `discordStride` rows); default 500. */
  discordMemory?: number;
  /** Rows between remembered windows; default 3. */
  discordStride?: number;
}

export interface WindowDiscordState {
  min: number;
  max: number;
  recent: number[];
  rows: number;
  memory: number[][];
}

/**
 * Distance from the window ending at this row to its nearest neighbour among
 * the remembered past windows (a discord, in matrix-profile terms; like
 * ARTime's "no category matches"). A window is `blocks` block means, compared
 * both by level (scaled by the running min..max) and by shape (the window less
 * its mean, scaled by its own spread or a tenth of the running range), so a
 * familiar shape at a new level and a new shape at a familiar level both stand
 * out. Windows overlapping the current one are skipped (they are trivially
 * close).
 */
export class WindowDiscord {
  private min = Infinity;
  private max = -Infinity;
  private recent: number[] = [];
  private rows = 0;
  private memory: number[][] = [];
  private readonly blockRows: number;
  private readonly blocks: number;
  private readonly capacity: number;
  private readonly stride: number;

  constructor(options: WindowDiscordOptions = {}) {
    this.blockRows = options.discordBlockRows ?? 6;
    this.blocks = options.discordBlocks ?? 8;
    this.capacity = options.discordMemory ?? 500;
    this.stride = options.discordStride ?? 3;
  }

  /** Nearest-neighbour distance of the window ending here; null until a window is full and a non-overlapping past window exists. */
  update(value: number): number | null {
    this.rows++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const span = this.blockRows * this.blocks;
    this.recent.push(value);
    if (this.recent.length > span) this.recent.shift();
    if (this.recent.length < span) return null;
    const w = new Array<number>(this.blocks).fill(0);
    for (let i = 0; i < span; i++) w[Math.floor(i / this.blockRows)]! += this.recent[i]! / this.blockRows;
    const range = this.max - this.min || 1;
    // Memory rows keep [block means…, shape…]: the shape needs the range of the time it was stored, not today's.
    const mean = w.reduce((a, b) => a + b, 0) / this.blocks;
    const spread = Math.max(Math.max(...w) - Math.min(...w), 0.1 * range);
    const vec = w.concat(w.map((x) => (x - mean) / spread));
    // Exclude the windows that overlap this one: the last span / stride remembered.
    const skip = Math.ceil(span / this.stride);
    let best = Infinity;
    const m = this.blocks;
    for (let k = 0; k < this.memory.length - skip; k++) {
      const v = this.memory[k]!;
      // Early abandon: a partial sum already past the best cannot win (same result, less work).
      let d = 0;
      for (let i = 0; i < m && d < best; i++) {
        const a = (vec[i]! - v[i]!) / range;
        const b = vec[m + i]! - v[m + i]!;
        d += a * a + b * b;
      }
      if (d < best) best = d;
    }
    if (this.rows % this.stride === 0) {
      this.memory.push(vec);
      if (this.memory.length > this.capacity) this.memory.shift();
    }
    return best === Infinity ? null : Math.sqrt(best / m);
  }

  toJSON(): WindowDiscordState {
    return { min: this.min, max: this.max, recent: [...this.recent], rows: this.rows, memory: this.memory.map((v) => [...v]) };
  }

  static fromJSON(options: WindowDiscordOptions, s: WindowDiscordState): WindowDiscord {
    const c = new WindowDiscord(options);
    c.min = s.min ?? Infinity;
    c.max = s.max ?? -Infinity;
    c.recent = [...s.recent];
    c.rows = s.rows;
    c.memory = s.memory.map((v) => [...v]);
    return c;
  }
}
