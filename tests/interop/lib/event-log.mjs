// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What one side of a call reported, in order: its events (objects with a
// `type` and a timestamp `t`) and its wire lines (text it logged, SIP
// messages among them). Tests wait for events since a mark; a scenario
// that fails writes both out (harness.mjs).

// Generous: a loaded CI machine may take seconds to start a camera.
const DEFAULT_TIMEOUT_MS = 15000;

export class EventLog {
  constructor (name) {
    this.name = name;
    this.events = [];
    this.wire = [];
    this.since = 0;
    this.wireSince = 0;
    this.waiters = new Set();
  }

  onWire (text) {
    this.wire.push({ t: Date.now(), text });
  }

  onEvent (event) {
    this.events.push(event);
    for (const waiter of this.waiters) waiter.check();
  }

  // Later waits only look at events that arrive from now on.
  mark () {
    this.since = this.events.length;
    this.wireSince = this.wire.length;
  }

  eventsSinceMark () {
    return this.events.slice(this.since);
  }

  wireSinceMark () {
    return this.wire.slice(this.wireSince);
  }

  // Resolves with the first event since the mark of this type that matches
  // `fields`: each given field equal, or, given a function, for which it
  // returns true.
  waitFor (type, fields = {}, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const matches = (e) => e.type === type && (typeof fields === 'function'
      ? fields(e)
      : Object.entries(fields).every(([k, v]) => e[k] === v));
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const found = this.eventsSinceMark().find(matches);
          if (!found) return;
          this.waiters.delete(waiter);
          clearTimeout(waiter.timer);
          resolve(found);
        },
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.eventsSinceMark().map((e) => e.type).join(', ');
          const wanted = typeof fields === 'function' ? fields.toString() : JSON.stringify(fields);
          reject(new Error(`${this.name}: no "${type}" ${wanted} ` +
            `within ${timeoutMs} ms; saw: ${seen || 'nothing'}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }
}
