import { SH_WITHOUT_CERTIFICATES } from '../git/certificatesAside';
import { shellQuote } from '../git/hookScript';
import { sha256Hex } from '../digest';
import { PAYLOAD_HANDED } from './guardKeys';
import { GUARD_CHAIN, GUARD_CHAIN_FILE, GUARD_CHAIN_MAX_BYTES, STATE_OF_STATS } from './guardChain';
import { GIT_RECORDS_FOLDER } from './personal/lockedArea';

// The command line every agent's hook runs, which must fail closed: a hook
// whose file is missing exits 1 and one whose file was emptied exits 0 with
// nothing said, and the agents read both as "no objection". So the line
// does not trust the file it runs: node reads it, compares its SHA-256 with
// the one written into the line when the hooks were set up, and refuses
// the tool call (exit 2, which blocks on Claude Code, Gemini CLI, Copilot
// CLI and Cursor alike) when the file is missing, empty or altered; any
// other failure of the file itself becomes exit 2 too. A changed launcher
// changes the hash: setting the hooks up again writes the new one.
// The hash is not computed again where the guard's record of its chain
// (guardChain.ts, in the git folder beside the launcher's project, read
// without following a link or waiting on a FIFO) names the launcher's very
// state, read with its bytes from one descriptor, and this line's hash: it
// held for those bytes, and a file written since has another state. The
// line hands on what it found (GUARD_CHAIN), for the guard to keep.
// The launcher then runs from those very bytes, compiled as a CommonJS
// module as node's require compiles a file, not read again by its path: a
// file swapped between the line's read and a second one would have run
// unchecked (the guard's own bundle is run the same way, guardRunner.ts).
//
// Exit 2 on the finish (Claude Code's Stop, Gemini CLI's AfterAgent,
// Copilot's agentStop, Cursor's stop) holds the agent and sends it back to
// the model. A line that did that on every try would never let a session
// end (Gemini CLI retries until its turn limit), so the line reads the
// event first: a finish the agent says was already held once
// (`stop_hook_active`, Cursor's `loop_count`) ends, silent, before anything
// is run, whatever state the launcher is in; the first one is held with
// the reason. Copilot CLI's own (camelCase) events drop what exit 2 says
// and ignore it on agentStop, so there the refusal and the hold are its
// JSON answers (`permissionDecision: "deny"`, `decision: "block"`), each
// with the reason. The event, read whole, is handed to the launcher as its
// standard input.
// The event is read from file descriptor 0 at once: `process.stdin` builds
// node's stream and socket machinery for a pipe (9–10 ms of CPU, where the
// one read to the end takes about 1) on every tool call. Where that read
// fails (a pipe left non-blocking answers EAGAIN) the bytes read so far are
// kept and the stream reads the rest; on Windows, where a pipe read this way
// can end in an error, the stream reads it all, as it did before.
// The bytes are handed to the guard as they are (PAYLOAD_HANDED), and
// `process.stdin` becomes a stream of them only if something asks for it (a
// launcher with no guard to run, a guard of an earlier release): a stream
// made and read costs about 2 ms of CPU on every tool call.
// The line never names node's crypto module as a word: node wraps `-e`
// code in which `crypto` stands as a word in a function handed that module,
// loaded before the code runs (so that the identifier means the module, not
// the Web Crypto global: node 20 and 24 alike), about 3 ms of CPU with the
// stream modules it loads, on every tool call, where the line hashes only a
// launcher its record does not vouch for. So the name is given in two
// pieces (CRYPTO_MODULE), and the module loads only where a hash is made.
// The code is JavaScript in single quotes with no single quote inside, so
// it is one shell word in sh and in PowerShell.
// In sh, node starts with NODE_EXTRA_CA_CERTS emptied: where it names a
// certificate bundle (company machines set it for a proxy that inspects
// TLS), node 20 reads and parses that bundle before any code runs, about
// 30 ms of CPU for the system's 220 kB one on every tool call, and the guard
// makes no TLS connection. The value is kept aside for the git the guard
// runs, which gets it back (git/certificatesAside.ts).

/** `require`'s argument for node's crypto module, in two pieces: the word itself in `-e` code makes node load it (above). */
export const CRYPTO_MODULE = '"cry"+"pto"';

/** The launcher's hash as the line compares it: carriage returns dropped, so a checkout with CRLF line ends keeps its hash. */
export function launcherHash(text: string | Buffer): string {
  return sha256Hex(text.toString().replace(/\r/g, ''));
}

const ALTERED = 'is missing or was changed since its hooks were set up, so';

/**
 * What an sh line empties before the node that runs the guard: the variables
 * by which node runs code no file of PM Zone's holds before the launcher is
 * verified. `NODE_OPTIONS` can `--require` or `--import` any file, and
 * `NODE_COMPILE_CACHE` (node 22.1 and later) names a folder of compiled code
 * that node runs in place of a file's text where a checksum of that text
 * matches, which anyone can compute, not a signature: a folder a sandboxed
 * agent can write (one under `/tmp`) would let it swap the guard's code
 * after the launcher's hash and signature checks passed. The agent cannot
 * set either for its hooks, which run with the environment its program
 * started with, but a user's shell profile may set them, for reasons of its
 * own. Neither is needed by the guard, which makes no network call and runs
 * only its own files.
 */
const SH_WITHOUT_NODE_CODE = 'NODE_OPTIONS= NODE_COMPILE_CACHE=';

/** `node -e '…'`: the event read, a finish already held let go, the verification, then the launcher run in the same process with `args` as its arguments; node by its bare name, or by `node`'s absolute path; in sh, with SH_WITHOUT_CERTIFICATES and SH_WITHOUT_NODE_CODE. */
function verifyingNode(hash: string, fix: string, shell: 'sh' | 'powershell', refuse = true, node?: string): string {
  const code = [
    'const p=require("path"),fs=require("fs"),f=p.resolve(process.argv[1]),b=[],g=()=>{',
    'const i=Buffer.concat(b);let o;try{o=JSON.parse(i)}catch(e){}',
    'if(!o||typeof o!="object")o={tool_name:"?"};',
    'const t=o.tool_name||o.toolName;',
    'if(!t&&(o.stop_hook_active===true||o.loop_count>0))return;',
    // The launcher's bytes and their state, from one descriptor; the record's word on that state (guardChain.ts).
    'let c,h,z;try{const d=fs.openSync(f,"r");try{h=fs.fstatSync(d,{bigint:true});c=fs.readFileSync(d)}finally{fs.closeSync(d)}}catch(e){}',
    `const v=h&&(${STATE_OF_STATS})(h);`,
    `if(v&&process.platform!="win32")try{const d=fs.openSync(p.join(p.dirname(p.dirname(f)),".git","${GIT_RECORDS_FOLDER}","${GUARD_CHAIN_FILE}"),fs.constants.O_RDONLY|fs.constants.O_NOFOLLOW|fs.constants.O_NONBLOCK);try{const s=fs.fstatSync(d);if(s.isFile()&&s.size<=${GUARD_CHAIN_MAX_BYTES})z=JSON.parse(fs.readFileSync(d,"utf8")).launcher}finally{fs.closeSync(d)}}catch(e){}`,
    `const k=!!(z&&z.hash==="${hash}"&&z.state===v);`,
    `if(!c||!k&&require(${CRYPTO_MODULE}).createHash("sha256").update(c.toString().replace(/\\r/g,"")).digest("hex")!=="${hash}"){`,
    `const m="PM Zone: "+f+" ${ALTERED} "+(t?"this tool call is refused":"PM Zone cannot check what this session changed")+". ${fix}";`,
    'if(!o.hook_event_name&&!o.hookEventName&&(o.toolName||"stopReason" in o)){console.log(JSON.stringify(t?{permissionDecision:"deny",permissionDecisionReason:m}:{decision:"block",reason:m}));process.exit(0)}',
    `console.error(m);process.exit(${refuse ? 2 : 0})}`,
    `globalThis[Symbol.for("${GUARD_CHAIN}")]={launcher:{file:f,hash:"${hash}",state:v,held:k}};`,
    `globalThis[Symbol.for("${PAYLOAD_HANDED}")]=i;let s;Object.defineProperty(process,"stdin",{get(){if(!s){s=new(require("stream").PassThrough)();s.end(i)}return s},configurable:true});`,
    // The launcher run from the bytes just verified, as node's require would run its file: not read again by path.
    'process.argv[1]=f;const M=require("module"),l=new M(f,null);l.filename=f;l.paths=M._nodeModulePaths(p.dirname(f));l._compile(c.toString(),f)};',
    'let r=process.platform!="win32";',
    'if(r)try{const x=Buffer.allocUnsafe(65536);let n;while((n=fs.readSync(0,x,0,x.length,null))>0)b.push(Buffer.from(x.subarray(0,n)))}catch(e){r=false}',
    'r?g():process.stdin.on("data",(d)=>b.push(d)).on("end",g)',
  ].join('');
  return `${shell === 'sh' ? `${SH_WITHOUT_CERTIFICATES} ${SH_WITHOUT_NODE_CODE} ` : ''}${node === undefined ? 'node' : shellQuote(node)} -e '${code}'`;
}

/**
 * Before a line that runs node by an absolute path (the PM's own hooks, which
 * run the node `agents init --me` recorded, so a `node` planted ahead on
 * PATH is never what runs them): when that file is gone or cannot be run (an
 * upgrade removed it), the shell would exit 127, which Claude Code takes for
 * a non-blocking error. So the line refuses on its own, in the shell's
 * builtins only, the way the verification does: a tool call refused (exit 2;
 * Copilot's own events in its JSON), a finish held once, and a finish
 * already held let go.
 */
function nodeMissing(node: string, fix: string): string {
  const because = `PM Zone: the node program PM Zone's hooks run (${node}, recorded by pm-zone agents init --me) is missing or cannot be run, so`;
  const tool = `${because} this tool call is refused. ${fix}`;
  const finish = `${because} PM Zone cannot check what this session changed. ${fix}`;
  const quoted = shellQuote(node);
  return [
    `if [ -f ${quoted} ] && [ -x ${quoted} ]; then :; else i=; while IFS= read -r l || [ -n "$l" ]; do i="$i$l"; done;`,
    `case $i in *'"tool_name"'*|*'"toolName"'*) m=${shellQuote(tool)};; *'"stop_hook_active":true'*|*'"stop_hook_active": true'*|*'"loop_count":'[1-9]*|*'"loop_count": '[1-9]*) exit 0;; *) m=${shellQuote(finish)};; esac;`,
    `case $i in *'"hook_event_name"'*|*'"hookEventName"'*) ;;`,
    `*'"toolName"'*) printf '%s\\n' ${shellQuote(JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: tool }))}; exit 0;;`,
    `*'"stopReason"'*) printf '%s\\n' ${shellQuote(JSON.stringify({ decision: 'block', reason: finish }))}; exit 0;; esac;`,
    `printf '%s\\n' "$m" >&2; exit 2; fi;`,
  ].join(' ');
}

export interface LauncherLine {
  /** The launcher as a shell word (a path, or `"$VAR"/path`). */
  launcher: string;
  /** The launcher's text, as written: its hash goes into the line. */
  text: string;
  /** Arguments after the launcher, already quoted. */
  args: string;
  /** What the refusal tells the agent to do about it. */
  fix: string;
  /** node's absolute path, for a line that must not run whatever PATH finds first; a line without it runs `node` by its bare name. */
  node?: string;
  /** What the refusal says to do when that node is gone. */
  nodeFix?: string;
}

/** The line for `sh -c`: any exit status but 0 and 2 becomes 2, with a word on standard error. */
export function verifiedLauncherLine(line: LauncherLine): string {
  const failed = 'PM Zone: the guard failed (exit $s), so this tool call is refused';
  const before = line.node === undefined ? '' : `${nodeMissing(line.node, line.nodeFix ?? line.fix)} `;
  return `${before}${verifyingNode(launcherHash(line.text), line.fix, 'sh', true, line.node)} ${line.launcher} ${line.args} || { s=$?; [ "$s" = 2 ] || echo "${failed}" >&2; exit 2; }`;
}

/**
 * The line for a session's start and finish where a failure must not block
 * (Codex CLI re-blocks a finish its Stop hook fails with no limit, so the
 * session would never end): the launcher verified the same way, a failure
 * said on standard error, exit 0. The tool calls' line still refuses.
 */
export function verifiedLifecycleLine(line: LauncherLine): string {
  const failed = 'PM Zone: the guard failed (exit $s), so PM Zone cannot check this';
  return `${verifyingNode(launcherHash(line.text), line.fix, 'sh', false)} ${line.launcher} ${line.args} || { s=$?; [ "$s" = 2 ] || echo "${failed}" >&2; exit 0; }`;
}

/** The same for PowerShell (Copilot's `powershell` field): a failure exits 2. */
export function verifiedLauncherLinePowerShell(line: LauncherLine): string {
  return `${verifyingNode(launcherHash(line.text), line.fix, 'powershell')} ${line.launcher} ${line.args}; if ($LASTEXITCODE -ne 0) { exit 2 }`;
}

/** node's word in a verifying line, after SH_WITHOUT_CERTIFICATES and SH_WITHOUT_NODE_CODE where the line has them (an older one does not). */
const VERIFYING_NODE = new RegExp(`(?:^|; )(?:${SH_WITHOUT_CERTIFICATES.replace(/\$/g, '\\$')} (?:${SH_WITHOUT_NODE_CODE} )?)?('(?:[^']|'\\\\'')*'|node) -e 'const p=require`);

/** The node a verifying line runs, by its absolute path; undefined for one that runs `node` by its bare name (the project's, an older one). */
export function verifiedNodeOf(command: string): string | undefined {
  const word = VERIFYING_NODE.exec(command)?.[1];
  if (word === undefined || word === 'node') return undefined;
  return word.slice(1, -1).replace(/'\\''/g, "'");
}

/** The hash a command line of PM Zone's verifies its launcher against; undefined for a line that does not verify (an older one). */
export function verifiedHashOf(command: string): string | undefined {
  return /digest\("hex"\)!=="([0-9a-f]{64})"/.exec(command)?.[1];
}
