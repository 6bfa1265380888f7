#!/usr/bin/env python3
"""Where a benchmark's JVM samples went, from a JFR file (RegistrationBench -Dbench.jfr=FILE).

Usage: jfr_split.py FILE [EVENT] [TOP] [FROM]
  EVENT  jdk.ExecutionSample (default) or jdk.ObjectAllocationSample (weighted by bytes)
  TOP    rows per table (30)
  FROM   HH:MM:SS.mmm (UTC): only events from then on (RegistrationBench prints when its burst began;
         the file also holds the warm-up recording's last chunk)
Prints the share by thread, by side (the bench's own HTTP clients, Gala, the SQL client), by the
package of the top frame, by top frame, by the first Gala frame of each stack (lambdas resolved to
their source line), and by Gala method anywhere on the stack (inclusive).
"""
import collections
import json
import re
import subprocess
import sys

f = sys.argv[1]
ev = sys.argv[2] if len(sys.argv) > 2 else 'jdk.ExecutionSample'
top_n = int(sys.argv[3]) if len(sys.argv) > 3 else 30
since = sys.argv[4] if len(sys.argv) > 4 else ''
data = json.loads(subprocess.check_output(['jfr', 'print', '--json', '--stack-depth', '96', '--events', ev, f]))
events = [e for e in data['recording']['events'] if not since or e['values']['startTime'][11:23] >= since]

tables = {name: collections.Counter() for name in
          ['thread', 'side', 'top frame package', 'top frame', 'first gala frame', 'gala method anywhere (inclusive)']}


def name_of(frame, line=False):
    m = frame['method']
    s = m['type']['name'].replace('/', '.') + '.' + m['name']
    return s + (':%s' % frame.get('lineNumber') if line else '')


for e in events:
    v = e['values']
    w = v.get('weight', 1) if ev == 'jdk.ObjectAllocationSample' else 1
    t = v.get('sampledThread') or v.get('eventThread') or {}
    tables['thread'][re.sub(r'\d+', 'N', t.get('javaName') or t.get('osName') or '?')] += w
    frames = [fr for fr in ((v.get('stackTrace') or {}).get('frames') or []) if '$$Lambda' not in fr['method']['type']['name']]
    names = [name_of(fr) for fr in frames]
    stack = ' '.join(names)
    if 'gala.bench' in stack or 'Http1xClientConnection' in stack or 'io.vertx.core.http.impl.HttpClient' in stack:
        side = 'bench client'
    elif 'Http1xServerConnection' in stack or 'io.vertx.ext.web' in stack or 'gala.' in stack:
        side = 'gala'
    elif 'pgclient' in stack or 'sqlclient' in stack:
        side = 'gala (sql client)'
    else:
        side = 'other: ' + (names[-1] if names else '?')
    tables['side'][side] += w
    if names:
        tables['top frame'][names[0]] += w
        tables['top frame package'][re.sub(r'^((?:[a-z0-9_]+\.){1,3}).*', r'\1', names[0])] += w
    tables['first gala frame'][next((name_of(fr, True) for fr in frames if name_of(fr).startswith('gala.')), '(none)')] += w
    for n in dict.fromkeys(n for n in names if n.startswith('gala.')):
        tables['gala method anywhere (inclusive)'][n] += w

total = sum(tables['thread'].values()) or 1
print('%s: %d events, weight %d' % (ev, len(events), total))
for name, counter in tables.items():
    print('== ' + name)
    for k, n in counter.most_common(top_n):
        print('%6.1f%% %9d %s' % (100 * n / total, n, k))
