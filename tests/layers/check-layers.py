#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The plugin's layering, checked against the build (docs/architecture.md).

    check-layers.py BUILD_DIR SOURCE_DIR

1. For every layer of ext/jssip/, a probe that includes one header of each
   other layer is preprocessed with the exact flags the build gives that
   layer's sources (compile_commands.json): a header of a layer it may use
   must be found, a header of any other layer must not. So an include of a
   layer above, or of a layer a layer may not see, does not build.
2. No include cycle between modules (a .c and its .h) of gst/ and ext/.
3. No C file of gst/, ext/ or tools/ over 1,000 lines.

Exits 1 naming every violation. KNOWN lists the violations that are
still there, each with the work that removes it: one of them found again
passes, any other fails, and one that is gone fails until it is taken out
of KNOWN, so that the list only shrinks.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

# Who may use whom: the architecture, bottom up. A layer not listed here
# but found under ext/jssip/ is itself a failure.
MAY_USE = {
    'common': [],
    'transport': [],
    'media': ['common'],
    'settings': ['common', 'media'],
    'ua': ['settings', 'transport', 'common'],
    'dialog': ['ua', 'settings', 'common'],
    'session': ['settings', 'common'],
    'call': ['session', 'dialog', 'ua', 'settings', 'media', 'transport',
             'common'],
    'elements': ['session', 'settings', 'common'],
}

# Left of issue 9 (docs/architecture.md, "What is not there yet").
KNOWN = {
    'dialog can include jssipcodecs.h of layer media':
        'the INVITE dialog still holds JsSipMedia: an offer/answer '
        'interface in common/ takes its place',
    'include cycle: jssipua -> jssipregistrator -> jssipua':
        'the registrator sends through a request sender, not the UA',
    'include cycle: sipmessage -> sipsyntax -> sipmessage':
        'the syntax helpers take no message type',
    'include cycle: sipuri -> sipmessage -> sipsyntax -> sipuri':
        'likewise',
    'include cycle: sipuri -> sipmessage -> sipuri':
        'the URI parser uses no message type',
    'ext/jssip/dialog/jssipinvitedialog.c has 1044 lines (at most 1000)':
        'the UAC and UAS halves go to files of their own',
    'ext/jssip/media/jssipmedia.c has 1268 lines (at most 1000)':
        'negotiation and streams go to files of their own',
}

MAX_LINES = 1000
INCLUDE = re.compile(r'^\s*#\s*include\s+["<]([^">]+)[">]', re.M)


def fail(problems, text):
    problems.append(text)
    if text in KNOWN:
        print('known: %s (left: %s)' % (text, KNOWN[text]))
    else:
        print('FAIL: ' + text)


def layer_headers(plugin_dir):
    headers = {}
    for layer in sorted(os.listdir(plugin_dir)):
        path = os.path.join(plugin_dir, layer)
        if os.path.isdir(path):
            headers[layer] = sorted(f for f in os.listdir(path)
                                    if f.endswith('.h'))
    return headers


def compile_flags(entry):
    """The entry's command without its input, output and dependency file."""
    args = shlex.split(entry['command'])
    keep, skip = [], False
    for arg in args[1:]:
        if skip:
            skip = False
            continue
        if arg in ('-o', '-MQ', '-MF', '-MT'):
            skip = True
            continue
        if arg in ('-c', '-MD', '-MMD') or arg == entry['file']:
            continue
        keep.append(arg)
    return args[0], keep


def header_found(compiler, flags, directory, header):
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, 'probe.c')
        with open(probe, 'w') as f:
            f.write('#include "%s"\n' % header)
        result = subprocess.run([compiler] + flags + ['-E', probe, '-o',
                                 os.devnull], cwd=directory,
                                capture_output=True, text=True)
    if result.returncode == 0:
        return True
    if 'No such file' in result.stderr or 'not found' in result.stderr:
        return False
    raise RuntimeError('probe of %s failed otherwise:\n%s' %
                       (header, result.stderr))


def check_layers(build_dir, source_dir, problems):
    plugin_dir = os.path.join(source_dir, 'ext', 'jssip')
    headers = layer_headers(plugin_dir)
    with open(os.path.join(build_dir, 'compile_commands.json')) as f:
        commands = json.load(f)
    for layer in headers:
        if layer not in MAY_USE:
            fail(problems, 'ext/jssip/%s/ is not a known layer' % layer)
    for layer, allowed in MAY_USE.items():
        entry = next((e for e in commands if os.path.normpath(
            os.path.join(e['directory'], e['file'])).startswith(
                os.path.join(plugin_dir, layer) + os.sep)), None)
        if not entry:
            fail(problems, 'no source of layer %s is built' % layer)
            continue
        compiler, flags = compile_flags(entry)
        before = len(problems)
        for other, names in headers.items():
            if other == layer or not names:
                continue
            found = header_found(compiler, flags, entry['directory'],
                                 names[0])
            if other in allowed and not found:
                fail(problems, '%s may use %s but cannot include %s' %
                     (layer, other, names[0]))
            elif other not in allowed and found:
                fail(problems, '%s can include %s of layer %s' %
                     (layer, names[0], other))
        if len(problems) == before:
            print('ok: %s sees %s only' % (layer, ', '.join(allowed) or
                                           'itself'))


def sources(source_dir, tops):
    for top in tops:
        for root, _, files in os.walk(os.path.join(source_dir, top)):
            for name in files:
                if name.endswith(('.c', '.h')):
                    yield os.path.join(root, name)


def check_cycles(source_dir, problems):
    # A module is a .c/.h pair; an edge goes to every module whose header
    # it includes.
    modules = {}
    for path in sources(source_dir, ['gst', 'ext']):
        # sipmessage-private.h belongs to sipmessage.
        stem = os.path.splitext(os.path.basename(path))[0].replace(
            '-private', '')
        with open(path) as f:
            includes = INCLUDE.findall(f.read())
        deps = modules.setdefault(stem, set())
        for inc in includes:
            other = os.path.splitext(os.path.basename(inc))[0].replace(
                '-private', '')
            if other != stem:
                deps.add(other)
    state = {}

    def visit(node, stack):
        state[node] = 'open'
        stack.append(node)
        for dep in sorted(modules.get(node, ())):
            if dep not in modules:
                continue
            if state.get(dep) == 'open':
                cycle = stack[stack.index(dep):] + [dep]
                fail(problems, 'include cycle: ' + ' -> '.join(cycle))
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = 'done'

    for node in sorted(modules):
        if node not in state:
            visit(node, [])
    print('ok: %d modules checked for include cycles' % len(modules))


def check_sizes(source_dir, problems):
    for path in sources(source_dir, ['gst', 'ext', 'tools']):
        if not path.endswith('.c'):
            continue
        with open(path) as f:
            lines = sum(1 for _ in f)
        if lines > MAX_LINES:
            fail(problems, '%s has %d lines (at most %d)' %
                 (os.path.relpath(path, source_dir), lines, MAX_LINES))
    print('ok: file sizes checked')


def main():
    build_dir, source_dir = (os.path.abspath(a) for a in sys.argv[1:3])
    problems = []
    check_layers(build_dir, source_dir, problems)
    check_cycles(source_dir, problems)
    check_sizes(source_dir, problems)
    new = [p for p in problems if p not in KNOWN]
    gone = [k for k in KNOWN if k not in problems]
    for text in gone:
        print('FAIL: gone, take it out of KNOWN: ' + text)
    if new or gone:
        print('%d new problem(s), %d fixed but still listed' %
              (len(new), len(gone)))
        return 1
    print('%d known problem(s) left, no new one' % len(problems))
    return 0


if __name__ == '__main__':
    sys.exit(main())
