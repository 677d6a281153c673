import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import type { Lesson } from '../../../core/content/course.ts';
import type { Submission } from '../../../core/course/submission.ts';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import { ensureTable, startDynalite } from '../../../functions/adapters/dynamo/local.ts';
import { createDocumentClient, createDynamoStore } from '../../../functions/adapters/dynamo/store.ts';
import { createLocalIssuer } from '../../../functions/auth/local-issuer.ts';
import { toSubmissionResult } from '../../../functions/grading/submission-result.ts';
import { createApp } from '../../../functions/http/app.ts';
import { DEFAULT_CONFIG } from '../../../functions/config.ts';
import type { AppDeps } from '../../../functions/http/deps.ts';
import type { SubmissionReceived } from '../../../core/course/submission-received.ts';
import { LAB_YAML } from '../grading/fixtures.ts';
import { testLab } from '../grading/helpers.ts';

/**
 * The real app (API + pages) on a real dynalite table, with the grading tests' lab (a firewall in front of a load
 * balancer) attached to one small lesson with a quiz, and a course taught by teacher1 with learner1 and learner2.
 */
export const LESSON: Lesson = {
  id: 'virtualization-basics',
  order: 1,
  title: { ko: '가상화의 기초', en: 'Virtualization basics' },
  summary: { ko: '하이퍼바이저가 하는 일', en: 'What a hypervisor does' },
  labs: ['test-fw-lb'],
  glossary: [],
  objectives: [],
  prerequisites: [],
  reading: [],
  quiz: [
    {
      id: 'type1',
      kind: 'single',
      prompt: { ko: '타입 1 하이퍼바이저는 어디에서 도나요?', en: 'Where does a type-1 hypervisor run?' },
      choices: [
        { id: 'a', text: { ko: '하드웨어 위에서 직접', en: 'Directly on the hardware' } },
        { id: 'b', text: { ko: '호스트 OS 위에서', en: 'On a host OS' } },
      ],
      answer: ['a'],
      explanation: { ko: '베어메탈에서 직접 돕니다.', en: 'It runs on bare metal.' },
    },
  ],
  body: { ko: '# 가상화의 기초\n\n본문 <script>alert(1)</script>', en: '# Virtualization basics\n\nBody' },
};

export async function startPageFixture() {
  const db = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const table = `pages-${ulid()}`;
  await ensureTable(raw, table);
  const store = createDynamoStore(createDocumentClient({ endpoint: db.endpoint, region: 'local' }), table);
  const lab = testLab(LAB_YAML.replace('lessons: [nfv]', 'lessons: [virtualization-basics]'));
  const published: SubmissionReceived[] = [];
  const auth = await createLocalIssuer();
  const deps: AppDeps = {
    store,
    queue: {
      publish: async (e) => void published.push(e),
      publishBatch: async (es) => void published.push(...es),
    },
    regrades: { sendTick: async () => undefined },
    course: {
      // A second lesson practises the same lab, as real lessons share labs.
      lessons: [
        LESSON,
        { ...LESSON, id: 'virtualization-techniques', order: 2, title: { ko: '가상화 기법', en: 'Techniques' } },
      ],
      labs: [lab],
      glossary: [
        {
          id: 'hypervisor',
          term: { ko: '하이퍼바이저', en: 'Hypervisor' },
          definition: { ko: 'VM을 돌리는 <소프트웨어>', en: 'Runs VMs' },
          lessons: ['virtualization-basics'],
        },
      ],
    },
    auth,
    clock: () => new Date(),
    ids: () => ulid(),
    config: DEFAULT_CONFIG,
  };
  const now = new Date().toISOString();
  await store.createCourse({
    id: 'c1',
    title: 'Demo <b>course</b>',
    teacherId: 'teacher1',
    joinCode: 'DEMO26',
    createdAt: now,
  });
  for (const [userId, role] of [
    ['teacher1', 'teacher'],
    ['learner1', 'learner'],
    ['learner2', 'learner'],
  ] as const) {
    await store.enroll({ courseId: 'c1', userId, role, joinedAt: now });
  }
  const app = createApp(deps);

  /** A graded submission, graded by the real grader. */
  async function submitGraded(learnerId: string, text: string): Promise<Submission> {
    const grade = gradeSubmission({ lab, text, learnerId });
    const s: Submission = {
      id: ulid(),
      learnerId,
      labId: lab.id,
      courseId: 'c1',
      format: 'yaml',
      config: text,
      status: 'graded',
      queuedAt: new Date().toISOString(),
      gradedAt: new Date().toISOString(),
      claims: 1,
      result: toSubmissionResult(grade, undefined),
    };
    await store.putSubmission(s);
    return s;
  }

  const cookieFor = async (user: string) => `virtlab_session=${await auth.issueLocalToken(user)}`;
  const get = async (path: string, user?: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { ...(user ? { cookie: await cookieFor(user) } : {}), ...headers } });

  /** A browser form post (urlencoded), from this site unless `origin` says otherwise. */
  const postForm = (path: string, body: string, origin = 'http://localhost') =>
    app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body,
    });

  return { app, deps, auth, lab, store, published, submitGraded, get, postForm, cookieFor, close: () => db.close() };
}
