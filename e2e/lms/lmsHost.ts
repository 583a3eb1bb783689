/**
 * A stand-in LMS for the browser tests of the packages from `npm run build:lms`: serves one unzipped package
 * under /course/, a launch page that puts scorm-again (a real SCORM run-time) in the window as the LMS API, and
 * keeps what the run-time commits, so a second launch resumes from it as an LMS would. For cmi5 the same server
 * answers the launch's fetch URL and the LRS calls (state and statements) and keeps every statement.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { unzipSync } from 'fflate';

const scormAgainDir = path.resolve(import.meta.dirname, '../../node_modules/scorm-again/dist');

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.wasm': 'application/wasm',
};

/** The course's own policy, except that the LMS's page may frame it. */
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; frame-ancestors 'self'";

const hostScript = `
(async () => {
  const params = new URLSearchParams(location.search);
  const version = params.get('scorm');
  const saved = await (await fetch('/lms/saved')).json();
  const settings = { lmsCommitUrl: '/lms/commit', autocommit: false, logLevel: 5 };
  let api;
  if (version === '2004') {
    api = new Scorm2004API(settings);
    api.loadFromJSON({ learner_id: 'ada', learner_name: 'Lovelace, Ada', entry: saved.suspend_data ? 'resume' : 'ab-initio', suspend_data: saved.suspend_data || '' });
    window.API_1484_11 = api;
  } else {
    api = new Scorm12API(settings);
    api.loadFromJSON({ core: { student_id: 'ada', student_name: 'Lovelace, Ada', entry: saved.suspend_data ? 'resume' : 'ab-initio' }, suspend_data: saved.suspend_data || '' });
    window.API = api;
  }
  document.getElementById('launch').addEventListener('click', () => window.open('/course/index.html' + (params.get('page') || ''), 'course'));
  document.getElementById('launch').disabled = false;
})();
`;

const hostPage = (version: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script src="/vendor/${version === '2004' ? 'scorm2004' : 'scorm12'}.js"></script>
<script src="/host.js" defer></script></head>
<body><h1>Test LMS</h1><button id="launch" disabled>Launch the course</button></body></html>`;

export interface LmsHost {
  url: string;
  /** Every commit the SCORM run-time sent, in order, as JSON. */
  commits: Record<string, unknown>[];
  /** cmi5: every statement the course sent to the LRS. */
  statements: Record<string, unknown>[];
  /** cmi5: writes LMS.LaunchData, as a cmi5 LMS does before every launch. */
  setLaunchData(registration: string, data: unknown): void;
  close(): Promise<void>;
}

export async function startLmsHost(zip: Uint8Array, port: number): Promise<LmsHost> {
  const files = unzipSync(zip);
  const commits: Record<string, unknown>[] = [];
  const statements: Record<string, unknown>[] = [];
  const states = new Map<string, string>();
  let suspendData = '';

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const send = (status: number, type: string, content: string | Uint8Array) => {
        response.writeHead(status, {
          'Content-Type': type,
          'Content-Security-Policy': contentSecurityPolicy,
        });
        response.end(content);
      };
      const json = (value: unknown) => send(200, 'application/json', JSON.stringify(value));
      const route = url.pathname;

      if (route === '/host.html')
        return send(200, 'text/html', hostPage(url.searchParams.get('scorm') ?? '1.2'));
      if (route === '/host.js') return send(200, 'text/javascript', hostScript);
      if (route.startsWith('/vendor/'))
        return send(200, 'text/javascript', readFileSync(path.join(scormAgainDir, path.basename(route))));
      if (route === '/lms/saved') return json({ suspend_data: suspendData });
      if (route === '/lms/commit') {
        const commit = JSON.parse(body) as { cmi?: { suspend_data?: string } };
        commits.push(commit);
        suspendData = commit.cmi?.suspend_data ?? suspendData;
        return json({ result: true, errorCode: 0 });
      }
      // cmi5: the launch's fetch URL, then the LRS.
      if (route === '/cmi5/fetch')
        return json({ 'auth-token': Buffer.from('course:secret').toString('base64') });
      if (route === '/lrs/statements' && request.method === 'POST') {
        const sent = JSON.parse(body) as Record<string, unknown> | Record<string, unknown>[];
        statements.push(...(Array.isArray(sent) ? sent : [sent]));
        return json((Array.isArray(sent) ? sent : [sent]).map((statement) => statement.id));
      }
      if (route === '/lrs/activities/state') {
        const registration = url.searchParams.get('registration');
        const key = `${url.searchParams.get('stateId')}|${registration}`;
        if (request.method === 'GET' && !url.searchParams.has('stateId')) {
          const ids = [...states.keys()]
            .filter((k) => k.endsWith(`|${registration}`))
            .map((k) => k.split('|')[0]);
          return json(ids);
        }
        if (request.method === 'GET') {
          const stored = states.get(key);
          return stored === undefined ? send(404, 'text/plain', 'Not found') : json(JSON.parse(stored));
        }
        states.set(key, body);
        response.writeHead(204).end();
        return;
      }
      if (route === '/lrs/agents/profile') return json({ languagePreference: 'en', audioPreference: 'on' });

      const file = route.startsWith('/course/')
        ? files[decodeURIComponent(route.slice('/course/'.length))]
        : undefined;
      if (file) return send(200, types[path.extname(route)] ?? 'application/octet-stream', file);
      send(404, 'text/plain', 'Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    commits,
    statements,
    setLaunchData: (registration, data) => states.set(`LMS.LaunchData|${registration}`, JSON.stringify(data)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
