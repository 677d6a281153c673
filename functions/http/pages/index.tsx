import { Hono, type Handler } from 'hono';
import type { CourseOffering } from '../../../core/course/course.ts';
import { checkQuiz } from '../../../core/content/quiz.ts';
import { publicView } from '../../../core/labs/public-view.ts';
import { isTeacher, type User } from '../../auth/user.ts';
import { readableSubmission, taughtCourse } from '../../service/access.ts';
import { catalogOf } from '../../service/catalog.ts';
import type { MyCourse } from '../../service/courses.ts';
import { myHistory } from '../../service/submissions.ts';
import { courseAnalyticsFor, courseGradebook } from '../../service/teaching.ts';
import type { AppDeps } from '../deps.ts';
import { errors, fromDomainError } from '../errors.ts';
import { csrfGuard } from '../middleware/csrf.ts';
import type { ClientAssets } from '../../web/asset-manifest.ts';
import { assetLoader, assetRoutes } from './assets.ts';
import { authPages } from './auth-pages.tsx';
import { pageContext, type PageC, type PageEnv } from './context.ts';
import { bestByLab, coursesOf } from './data.ts';
import { ExamplePage } from './example-page.tsx';
import { PlaygroundPage } from './playground-page.tsx';
import { diffTraces } from '../../../core/sim/trace-diff.ts';
import { GlossaryPage } from './glossary-page.tsx';
import { HistoryPage } from './history-page.tsx';
import { HomePage } from './home-page.tsx';
import { LabPage } from './lab-page.tsx';
import { MessagePage, type PageContext } from './layout.tsx';
import { LessonPage } from './lesson-page.tsx';
import { revealFor } from '../../service/reveal.ts';
import { regradeThreadFor } from '../../service/regrade-requests.ts';
import { ResultView } from './result-view.tsx';
import { pageTrace } from './page-trace.ts';
import { pageSecurityHeaders } from './security.ts';
import { SubmissionPage } from './submission-page.tsx';
import { AnalyticsPage, GradebookPage, LearnerGradesPage, pickCourse } from './teacher-pages.tsx';
import { learnerGrades } from '../../../core/course/gradebook.ts';
import { CourseSettingsPage } from './course-settings-page.tsx';
import { courseSettingsView } from '../../service/course-settings.ts';
import { staffPageRoutes } from './staff-routes.tsx';
import {
  LtiAdminPage,
  LtiPlatformDeletePage,
  PLATFORM_DELETE_FORM_MAX_BYTES,
  PLATFORM_DELETE_PATH,
  PLATFORM_DELETE_TITLE,
} from './lti-pages.tsx';
import { failedScores } from '../../lti/failed-scores.ts';
import { deletePlatform, listPlatforms, ownPlatform, parsePlatformKey } from '../../lti/platforms.ts';
import { DomainError } from '../../service/errors.ts';
import { boundedForm } from './bounded-form.ts';

export interface PagesOptions {
  /** Where /assets come from; defaults to ASSETS_DIR or an in-memory build. */
  assets?: () => Promise<ClientAssets>;
}

/**
 * The server-rendered pages for learners and teachers. They read through the same services as the API (the
 * course's one lab order included); every change (submit, override, regrade) is made by the browser through the
 * API, so each rule lives once.
 */
export function pagesRouter(deps: AppDeps, options: PagesOptions = {}): Hono<PageEnv> {
  const assets = options.assets ?? assetLoader();
  const app = new Hono<PageEnv>();
  const secure = pageSecurityHeaders(deps.config);
  const ctxOf = (c: PageC) => pageContext(c, deps, assets);

  // Security headers and the CSRF origin check on every page route (not on /api, which has its own rules).
  for (const path of [
    '/',
    '/login',
    '/auth/*',
    '/lang/*',
    '/lessons/*',
    '/labs/*',
    '/submissions/*',
    '/me/*',
    '/teach/*',
    '/glossary',
    '/examples/*',
    '/playground',
  ]) {
    app.use(path, secure, csrfGuard(deps.config.siteOrigin));
  }
  app.route('/', assetRoutes(assets));
  authPages(app, deps, assets);

  const catalog = catalogOf(deps.course);
  const { lessons, labs } = catalog;

  const message = (c: PageC, ctx: PageContext, status: 403 | 404, text: string) =>
    c.html(<MessagePage ctx={ctx} title={status === 404 ? ctx.t.notFound : ctx.t.forbidden} text={text} />, status);
  const toLogin = (c: PageC, ctx: PageContext) => c.redirect(`/login?next=${encodeURIComponent(ctx.path)}`, 302);

  app.get('/', async (c) => {
    const ctx = await ctxOf(c);
    const grades = ctx.user ? bestByLab(await myHistory(deps, ctx.user)) : new Map();
    return c.html(<HomePage ctx={ctx} catalog={catalog} grades={grades} />);
  });

  app.get('/glossary', async (c) =>
    c.html(<GlossaryPage ctx={await ctxOf(c)} glossary={catalog.glossary} lessons={lessons} />),
  );

  app.get('/examples/:name', async (c) => {
    const ctx = await ctxOf(c);
    const name = c.req.param('name');
    const text = Object.hasOwn(deps.course.examples ?? {}, name) ? deps.course.examples![name] : undefined;
    return text === undefined
      ? message(c, ctx, 404, ctx.t.notFound)
      : c.html(<ExamplePage ctx={ctx} name={name} text={text} lessons={lessons} />);
  });

  app.get('/playground', async (c) => {
    const ctx = await ctxOf(c);
    const examples = deps.course.examples ?? {};
    const name = c.req.query('example');
    const lab = catalog.lab(c.req.query('lab') ?? '');
    // A lab's starter with this learner's numbers (the lab page's "Try it" link); an example by name.
    const example =
      lab && ctx.user
        ? { name: lab.id, text: publicView(lab, ctx.user.id).starter }
        : name && Object.hasOwn(examples, name)
          ? { name, text: examples[name] }
          : undefined;
    return c.html(<PlaygroundPage ctx={ctx} examples={Object.keys(examples).sort()} example={example} />);
  });

  app.get('/lessons/:id', async (c) => {
    const ctx = await ctxOf(c);
    const lesson = catalog.lesson(c.req.param('id'));
    if (!lesson) return message(c, ctx, 404, ctx.t.notFound);
    const i = lessons.indexOf(lesson);
    return c.html(
      <LessonPage
        ctx={ctx}
        lesson={lesson}
        labs={catalog.labsOf(lesson)}
        prev={lessons[i - 1]}
        next={lessons[i + 1]}
      />,
    );
  });

  // The self-check: JSON for quiz.js, or the lesson page again with the verdicts when posted as a plain form.
  app.post('/lessons/:id/quiz', async (c) => {
    const ctx = await ctxOf(c);
    const lesson = catalog.lesson(c.req.param('id'));
    if (!lesson) return message(c, ctx, 404, ctx.t.notFound);
    const isJson = (c.req.header('content-type') ?? '').includes('application/json');
    let answers: Record<string, string[]> = {};
    if (isJson) {
      const body: unknown = await c.req.json().catch(() => ({}));
      answers = Object.fromEntries(
        Object.entries(body && typeof body === 'object' ? body : {}).map(([k, v]) => [
          k,
          (Array.isArray(v) ? v : [v]).map(String),
        ]),
      );
    } else {
      const form = await c.req.parseBody({ all: true });
      for (const [k, v] of Object.entries(form)) {
        if (k.startsWith('q:')) answers[k.slice(2)] = (Array.isArray(v) ? v : [v]).map(String);
      }
    }
    const submitted = Object.fromEntries(
      lesson.quiz
        .filter((q) => answers[q.id])
        .map((q) => [q.id, q.kind === 'multiple' ? answers[q.id] : answers[q.id][0]]),
    );
    const checked = checkQuiz(lesson.quiz, submitted, ctx.lang);
    if (!checked.ok) throw errors.invalid(checked.issues);
    if (isJson) return c.json(checked.value);
    return c.html(
      <LessonPage ctx={ctx} lesson={lesson} labs={catalog.labsOf(lesson)} result={checked.value} answers={answers} />,
    );
  });

  app.get('/labs/:id', async (c) => {
    const ctx = await ctxOf(c);
    const lab = catalog.lab(c.req.param('id'));
    if (!lab) return message(c, ctx, 404, ctx.t.notFound);
    if (!ctx.user) return toLogin(c, ctx);
    const [courses, history] = await Promise.all([
      coursesOf(deps, ctx.user, 'learner'),
      myHistory(deps, ctx.user, lab.id),
    ]);
    const grade = bestByLab(history).get(lab.id);
    return c.html(<LabPage ctx={ctx} lab={publicView(lab, ctx.user.id)} courseId={courses[0]?.id} grade={grade} />);
  });

  /** The submission if the caller may read it; a 404 otherwise, so ids cannot be probed. */
  const readable = (c: PageC, ctx: PageContext) =>
    ctx.user ? readableSubmission(deps, ctx.user, c.req.param('id') ?? '') : undefined;

  app.get('/submissions/:id', async (c) => {
    const ctx = await ctxOf(c);
    if (!ctx.user) return toLogin(c, ctx);
    const s = await readable(c, ctx);
    if (!s) return message(c, ctx, 404, ctx.t.notFound);
    const lab = catalog.lab(s.labId);
    const events = lab ? pageTrace(lab, s) : undefined;
    // "What changed since your last attempt": the previous graded attempt at this lab, re-run like this one.
    // The list holds no configurations: the previous attempt is read in full.
    const previousId =
      lab && events
        ? (await deps.store.listLearnerSubmissions(s.learnerId, s.labId))
            .filter((p) => p.id < s.id && p.status === 'graded')
            .sort((a, b) => (a.id < b.id ? 1 : -1))[0]?.id
        : undefined;
    const previous = previousId ? await deps.store.getSubmission(previousId) : undefined;
    const previousEvents = lab && previous ? pageTrace(lab, previous) : undefined;
    const diff = events && previousEvents ? diffTraces(previousEvents, events) : undefined;
    const teacherView = !!(s.courseId && (await taughtCourse(deps, ctx.user, s.courseId)));
    const reveal = await revealFor(deps, ctx.user, s, c.req.query('reveal') === 'hints');
    const regrade = await regradeThreadFor(deps, ctx.user, s);
    return c.html(
      <SubmissionPage
        regrade={regrade}
        ctx={ctx}
        submission={s}
        lab={lab}
        teacherView={teacherView}
        events={events}
        reveal={reveal}
        misconceptions={deps.course.misconceptions}
        diff={diff}
      />,
    );
  });

  // The result alone, for the lab page to show under the editor once grading is done (the excerpt of the trace).
  app.get('/submissions/:id/fragment', async (c) => {
    const ctx = await ctxOf(c);
    const s = await readable(c, ctx);
    if (!s) return c.text('', 404);
    const more = (
      <p>
        <a href={`/submissions/${s.id}`} data-testid="full-result-link">
          {ctx.t.viewResult}
        </a>
      </p>
    );
    return c.html(
      <>
        <ResultView
          ctx={ctx}
          submission={s}
          reveal={await revealFor(deps, ctx.user!, s)}
          misconceptions={deps.course.misconceptions}
        />
        {more}
      </>,
    );
  });

  app.get('/me/submissions', async (c) => {
    const ctx = await ctxOf(c);
    if (!ctx.user) return toLogin(c, ctx);
    return c.html(<HistoryPage ctx={ctx} labs={labs} history={await myHistory(deps, ctx.user)} />);
  });

  const teacherPage =
    (
      render: (
        c: PageC,
        ctx: PageContext,
        course: CourseOffering,
        courses: MyCourse[],
        teacher: User,
      ) => Promise<Response>,
    ): Handler<PageEnv> =>
    async (c) => {
      const ctx = await ctxOf(c);
      if (!ctx.user) return toLogin(c, ctx);
      if (!isTeacher(ctx.user)) return message(c, ctx, 403, ctx.t.forbidden);
      const courses = await coursesOf(deps, ctx.user, 'teacher');
      const course = pickCourse(courses, c.req.query('course'));
      if (!course) return c.html(<MessagePage ctx={ctx} title={ctx.t.gradebookTitle} text={ctx.t.noCourse} />);
      return render(c, ctx, course, courses, ctx.user);
    };

  app.get(
    '/teach',
    teacherPage(async (c, ctx, course, courses, teacher) => {
      const book = await courseGradebook(deps, teacher, course.id);
      return c.html(<GradebookPage ctx={ctx} courses={courses} course={course} book={book} />);
    }),
  );

  app.get(
    '/teach/learners/:learnerId',
    teacherPage(async (c, ctx, course, _courses, teacher) => {
      const book = await courseGradebook(deps, teacher, course.id);
      const learner = learnerGrades(book, c.req.param('learnerId') ?? '');
      if (!learner) return message(c, ctx, 404, ctx.t.notFound);
      return c.html(<LearnerGradesPage ctx={ctx} course={course} book={book} learner={learner} />);
    }),
  );

  app.get(
    '/teach/analytics',
    teacherPage(async (c, ctx, course, courses, teacher) => {
      const analytics = await courseAnalyticsFor(deps, teacher, course.id);
      return c.html(
        <AnalyticsPage
          ctx={ctx}
          courses={courses}
          course={course}
          analytics={analytics}
          labs={labs}
          misconceptions={deps.course.misconceptions}
        />,
      );
    }),
  );

  app.get(
    '/teach/settings',
    teacherPage(async (c, ctx, course, courses, teacher) => {
      const { settings, mayChange } = await courseSettingsView(deps, teacher, course.id);
      return c.html(
        <CourseSettingsPage ctx={ctx} courses={courses} course={course} settings={settings} mayChange={mayChange} />,
      );
    }),
  );
  staffPageRoutes(app, deps, ctxOf);
  // LTI: the tool's URLs and the platform registration for any teacher; the course's LTI tools when there is one.
  app.get('/teach/lti', async (c) => {
    const ctx = await ctxOf(c);
    if (!ctx.user) return toLogin(c, ctx);
    if (!isTeacher(ctx.user) || !deps.lti) return message(c, ctx, deps.lti ? 403 : 404, ctx.t.forbidden);
    const courses = await coursesOf(deps, ctx.user, 'teacher');
    const course = pickCourse(courses, c.req.query('course'));
    const failed = course ? await failedScores(deps.lti, ctx.user, course.id) : [];
    const platforms = await listPlatforms(deps.lti, ctx.user);
    const origin = deps.config.siteOrigin ?? new URL(c.req.url).origin;
    return c.html(
      <LtiAdminPage
        ctx={ctx}
        origin={origin}
        courses={courses}
        course={course}
        failed={failed}
        platforms={platforms}
        deleted={c.req.query('deleted') !== undefined}
      />,
    );
  });
  // Deleting a registration: a plain form (the CSRF origin check of /teach/*), confirmed on a page first.
  app.post(PLATFORM_DELETE_PATH, async (c) => {
    const ctx = await ctxOf(c);
    if (!ctx.user) return toLogin(c, ctx);
    if (!isTeacher(ctx.user) || !deps.lti) return message(c, ctx, deps.lti ? 403 : 404, ctx.t.forbidden);
    const form = await boundedForm(c, PLATFORM_DELETE_FORM_MAX_BYTES);
    try {
      const key = parsePlatformKey(form);
      if (form.confirm !== 'yes')
        return c.html(<LtiPlatformDeletePage ctx={ctx} platform={await ownPlatform(deps.lti, ctx.user, key)} />);
      await deletePlatform(deps.lti, ctx.user, key);
      return c.redirect('/teach/lti?deleted', 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const page = <MessagePage ctx={ctx} title={PLATFORM_DELETE_TITLE[ctx.lang]} text={err.text[ctx.lang]} />;
      return c.html(page, fromDomainError(err).status);
    }
  });

  // Any other page a browser asks for gets a page, not the API's JSON error; /api and non-HTML clients fall through.
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || !(c.req.header('accept') ?? '').includes('text/html')) return next();
    const ctx = await ctxOf(c);
    return message(c, ctx, 404, ctx.t.notFound);
  });

  return app;
}
