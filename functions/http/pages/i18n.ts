import { msg, toLang, type Lang, type Msg } from '../../../core/i18n.ts';

/** The cookie that remembers the learner's language choice (Korean unless it says `en`). */
export const LANG_COOKIE = 'virtlab_lang';

/**
 * Every string of the web interface, in Korean and English. Pages call `t(lang).key`; strings with numbers are
 * functions so word order stays natural in each language.
 */
const UI = {
  appName: msg('virtlab 가상화 실습', 'virtlab virtualization lab'),
  skipToContent: msg('본문으로 건너뛰기', 'Skip to content'),
  navHome: msg('코스', 'Course'),
  navHistory: msg('내 제출', 'My submissions'),
  navGradebook: msg('성적부', 'Gradebook'),
  navAnalytics: msg('분석', 'Analytics'),
  navLti: msg('LMS 연동', 'LMS'),
  navLogin: msg('로그인', 'Log in'),
  navLogout: msg('로그아웃', 'Log out'),
  switchLang: msg('English', '한국어'),
  switchLangLabel: msg('Switch to English', '한국어 보기'),
  signedInAs: msg('로그인 사용자', 'Signed in as'),
  roleLearner: msg('학습자', 'learner'),
  roleTeacher: msg('교수자', 'teacher'),

  loginTitle: msg('로그인', 'Log in'),
  loginIntro: msg(
    '로컬 데모 모드입니다. 체험할 사용자를 고르세요.',
    'This is the local demo. Pick a user to try the course as.',
  ),
  loginUser: msg('사용자', 'User'),
  loginSubmit: msg('이 사용자로 로그인', 'Log in as this user'),
  loginHosted: msg('학교 계정으로 로그인', 'Log in with your school account'),
  loginFailed: msg('로그인에 실패했습니다. 다시 시도해 주세요.', 'Login failed. Please try again.'),
  forbidden: msg('이 페이지는 교수자만 볼 수 있습니다.', 'Only teachers can see this page.'),
  notFound: msg('찾을 수 없는 페이지입니다.', 'Page not found.'),

  homeTitle: msg('가상화 코스', 'Virtualization course'),
  homeIntro: msg(
    '레슨을 순서대로 읽고, 각 레슨의 실습에서 가상화 시스템을 직접 설정해 보세요. 제출하면 바로 채점되고, 명령과 I/O가 게스트·하이퍼바이저·Dom0·하드웨어를 거치는 경로를 그림으로 보여 줍니다.',
    'Read the lessons in order and configure a virtualized system yourself in each lesson’s labs. Every submission is graded within moments, with a picture of the path each instruction and I/O takes through guest, hypervisor, Dom0 and hardware.',
  ),
  lesson: msg('레슨', 'Lesson'),
  glossaryTitle: msg('용어집', 'Glossary'),
  labs: msg('실습', 'Labs'),
  notAttempted: msg('아직 제출 없음', 'Not attempted'),
  bestScore: msg('최고 점수', 'Best score'),
  difficulty: msg('난이도', 'Difficulty'),
  progress: msg('진행도', 'Progress'),
  progressSummary: (done: number, total: number) =>
    msg(`실습 ${total}개 중 ${done}개 만점`, `${done} of ${total} labs at full marks`),

  quizTitle: msg('스스로 점검', 'Self-check'),
  quizCheck: msg('답 확인', 'Check answers'),
  quizCorrect: msg('정답입니다.', 'Correct.'),
  quizWrong: msg('다시 생각해 보세요.', 'Not quite.'),
  quizScore: (right: number | string, answered: number | string, total: number | string) =>
    msg(
      `답한 ${answered}문제 중 ${right}문제 정답 (전체 ${total}문제)`,
      `${right} of ${answered} answered correct (${total} questions)`,
    ),
  quizUnanswered: msg(
    '답하지 않았습니다. 답을 고르면 확인해 드립니다.',
    'Not answered. Choose an answer and it will be checked.',
  ),
  quizNothingChosen: msg('먼저 답을 하나 이상 고르세요.', 'Choose at least one answer first.'),
  quizFailed: msg('답을 확인하지 못했습니다. 다시 시도하세요.', 'Your answers could not be checked. Try again.'),
  labsOfLesson: msg('이 레슨의 실습', 'Labs for this lesson'),
  labsAgain: msg('앞 레슨의 실습도 다시 다룹니다:', 'Also practises labs from earlier lessons:'),

  statement: msg('문제', 'Task'),
  yourParams: msg('나의 변수', 'Your parameters'),
  yourParamsHelp: msg(
    '이 값들은 학습자마다 다릅니다. 문제의 숫자는 여러분의 값입니다.',
    'These values differ for each learner; the numbers in the task are yours.',
  ),
  checks: msg('채점 항목', 'Checks'),
  points: msg('점', 'pts'),
  editorLabel: msg('설정 (YAML 또는 JSON)', 'Configuration (YAML or JSON)'),
  format: msg('형식', 'Format'),
  submit: msg('제출하고 채점받기', 'Submit for grading'),
  submitShortcut: msg('편집기에서 Ctrl+Enter로도 제출할 수 있습니다.', 'Ctrl+Enter in the editor submits too.'),
  resetStarter: msg('처음 설정으로 되돌리기', 'Reset to the starter'),
  draftRestored: msg(
    '이 브라우저에 저장된 초안을 불러왔습니다. 처음 설정은 “처음 설정으로 되돌리기”로 돌아갑니다.',
    'Your draft saved in this browser was restored. “Reset to the starter” goes back to the starter.',
  ),
  statusQueued: msg('대기 중…', 'Queued…'),
  statusGrading: msg('채점 중…', 'Grading…'),
  statusGraded: msg('채점 완료', 'Graded'),
  statusFailed: msg('채점하지 못했습니다', 'Grading failed'),
  statusInvalid: msg(
    '설정에 오류가 있습니다. 표시된 줄을 고치세요.',
    'The configuration has errors: fix the marked lines.',
  ),
  statusNetwork: msg('서버에 연결하지 못했습니다. 다시 시도하세요.', 'Could not reach the server. Try again.'),
  statusRateLimited: msg(
    '제출이 너무 잦습니다. 잠시 후 다시 제출하세요.',
    'Too many submissions. Submit again shortly.',
  ),
  viewResult: msg('결과 자세히 보기', 'See the full result'),
  line: msg('줄', 'line'),

  resultTitle: msg('채점 결과', 'Grading result'),
  score: msg('점수', 'Score'),
  passed: msg('통과', 'Passed'),
  failed: msg('실패', 'Failed'),
  observed: msg('관찰된 결과', 'Observed'),
  expected: msg('기대한 결과', 'Expected'),
  howToFix: msg('이렇게 하면 통과합니다', 'What would make it pass'),
  showHint: msg('힌트 보기', 'Show a hint'),
  hint: msg('힌트', 'Hint'),
  noMoreHints: msg('힌트를 모두 보았습니다.', 'No more hints.'),
  notGradable: msg(
    '설정을 읽을 수 없어 채점하지 않았습니다 (시도 횟수에 포함되지 않습니다).',
    'The configuration could not be read, so it was not graded (this does not count as an attempt).',
  ),
  errors: msg('설정 오류', 'Configuration errors'),
  trace: msg('실행 추적', 'Execution trace'),
  traceHelp: msg(
    '위에서 아래로 시간이 흐릅니다. 화살표는 한 단계가 다음 계층으로 넘어가는 것을, 빨간색은 거부·위반·유실을 뜻합니다.',
    'Time flows downwards. Each arrow is a hop to the next layer; red marks a denial, violation or loss.',
  ),
  raidLayout: msg('RAID 배치', 'RAID layout'),
  tryAgain: msg('다시 풀기', 'Try again'),
  submittedAt: msg('제출 시각', 'Submitted'),
  late: msg('지각', 'Late'),
  override: msg('교수자 조정', 'Teacher override'),
  graderVersion: msg('채점기 버전', 'Grader version'),
  stillGrading: msg(
    '아직 채점 중입니다. 이 페이지는 자동으로 새로 고쳐집니다.',
    'Still grading; this page refreshes by itself.',
  ),

  historyTitle: msg('내 제출 기록', 'My submissions'),
  historyEmpty: msg('아직 제출한 실습이 없습니다.', 'You have not submitted any lab yet.'),
  attempt: msg('시도', 'Attempt'),
  status: msg('상태', 'Status'),
  open: msg('보기', 'Open'),

  gradebookTitle: msg('성적부', 'Gradebook'),
  learner: msg('학습자', 'Learner'),
  average: msg('평균', 'Average'),
  downloadCsv: msg('CSV 내려받기', 'Download CSV'),
  noCourse: msg('담당하는 코스가 없습니다.', 'You teach no course.'),
  course: msg('코스', 'Course'),
  joinCode: msg('참여 코드', 'Join code'),
  regrade: msg('이 실습 전체 재채점', 'Regrade this lab'),
  // `{lab}` is filled in by the browser with the chosen lab's title.
  regradeConfirm: msg(
    '「{lab}」 실습의 채점이 끝난 제출을 모두 다시 채점합니다. 계속할까요?',
    'Regrade every finished submission of “{lab}”?',
  ),
  regradeAsking: msg('재채점을 요청하는 중…', 'Asking for the regrade…'),
  regradeStillRunning: msg(
    '재채점이 아직 진행 중입니다. 나중에 이 페이지를 다시 열면 성적부에 반영된 점수가 보입니다.',
    'The regrade is still running; reopen this page later to see its scores in the gradebook.',
  ),
  learnerGradesTitle: (learnerId: string) => msg(`학습자 ${learnerId}의 성적`, `Grades of ${learnerId}`),
  previousLearner: msg('이전 학습자', 'Previous learner'),
  nextLearner: msg('다음 학습자', 'Next learner'),
  backToGradebook: msg('성적부로 돌아가기', 'Back to the gradebook'),
  noGrade: msg('채점된 제출 없음', 'No graded submission'),
  submissionTitle: msg('제출 상세', 'Submission'),
  configuration: msg('제출한 설정', 'Submitted configuration'),
  overrideTitle: msg('점수 조정', 'Override the grade'),
  overrideScore: msg('새 점수', 'New score'),
  overrideComment: msg('사유 (학습자에게 보입니다)', 'Reason (shown to the learner)'),
  overrideSubmit: msg('점수 저장', 'Save the score'),
  actionDone: msg('완료했습니다.', 'Done.'),
  overrideBy: msg('조정한 사람', 'Overridden by'),

  sessionEnded: msg(
    '로그인이 만료되었습니다. 작성 중인 설정은 이 브라우저에 저장해 두었습니다.',
    'Your sign-in has expired. Your draft is saved in this browser.',
  ),
  signInAgain: msg('다시 로그인', 'Sign in again'),
  regradeTitle: msg('재채점 요청', 'Regrade request'),
  regradeAskIntro: msg(
    '채점이 틀렸다고 생각하면 이유를 적어 교사진에게 다시 봐 달라고 요청하세요. 제출마다 한 번 요청할 수 있습니다.',
    'If you think this grade is wrong, tell the staff why and ask them to look again. You can ask once per submission.',
  ),
  regradeMessage: msg('요청 내용', 'Your message'),
  regradeAskSubmit: msg('재채점 요청 보내기', 'Ask for a regrade'),
  regradeState_open: msg('답변 대기 중', 'Waiting for an answer'),
  regradeState_accepted: msg('받아들여짐', 'Accepted'),
  regradeState_rejected: msg('받아들여지지 않음', 'Not accepted'),
  regradeAsked: msg('요청', 'Asked'),
  regradeReply: msg('답변 (학습자에게 보입니다)', 'Reply (shown to the learner)'),
  regradeAnswered: msg('답변', 'Answer'),
  regradeAccept: msg('받아들이고 점수 저장', 'Accept and save the score'),
  regradeReject: msg('받아들이지 않기', 'Reject'),
  regradeQueueTitle: msg('재채점 요청', 'Regrade requests'),
  regradeQueueEmpty: msg('답변을 기다리는 요청이 없습니다.', 'No request is waiting for an answer.'),
  scoreAsked: msg('요청 때 점수', 'Score when asked'),
  courseAdmin: msg('강좌 운영', 'Running the course'),
  staffTitle: msg('교사진', 'Staff'),
  staffUser: msg('사용자 ID', 'User id'),
  staffRole: msg('역할', 'Role'),
  staffSince: msg('시작', 'Since'),
  staffAdd: msg('교사진에 추가', 'Add to the staff'),
  staffSave: msg('역할 저장', 'Save the role'),
  staffRemove: msg('교사진에서 빼기', 'Remove'),
  rosterTitle: msg('명단 가져오기', 'Import a roster'),
  rosterIntro: msg(
    '머리글 줄이 있는 UTF-8 CSV 파일: email,name 열과, 있으면 student_id,section 열. 미리 보기는 아무것도 바꾸지 않습니다.',
    'A UTF-8 CSV file with a header row: email,name and optionally student_id,section. The preview changes nothing.',
  ),
  rosterFile: msg('CSV 파일', 'CSV file'),
  rosterText: msg('또는 내용 붙여 넣기', 'or paste its text'),
  rosterPreview: msg('미리 보기', 'Preview'),
  rosterImport: msg('이대로 가져오기', 'Import these rows'),
  rosterProblems: msg('고칠 곳이 있어 아무것도 가져오지 않았습니다.', 'The file has problems; nothing was imported.'),
  rosterLine: msg('줄', 'Line'),
  rosterIsPreview: msg(
    '미리 보기입니다. 아직 아무것도 바뀌지 않았습니다.',
    'This is a preview; nothing has changed yet.',
  ),
  rosterDone: msg('가져왔습니다.', 'Imported.'),
  rosterOutcome_create: msg('새 사용자로 만들고 등록', 'create the user and enroll'),
  rosterOutcome_enroll: msg('등록', 'enroll'),
  rosterOutcome_already: msg('이미 등록됨', 'already enrolled'),
  rosterOutcome_skip: msg('건너뜀 (이 강좌의 교사진)', 'skipped (staff of this course)'),
  name: msg('이름', 'Name'),
  auditTitle: msg('감사 기록', 'Audit log'),
  auditAction: msg('작업', 'Action'),
  auditAll: msg('모든 작업', 'All actions'),
  auditFilter: msg('거르기', 'Filter'),
  auditWhen: msg('시각', 'When'),
  auditWho: msg('누가', 'Who'),
  auditTarget: msg('대상', 'Target'),
  auditBefore: msg('이전', 'Before'),
  auditAfter: msg('이후', 'After'),
  auditNext: msg('다음 쪽', 'Next page'),
  auditEmpty: msg('기록이 없습니다.', 'No records.'),
  staffOnly: msg('이 강좌에서 그 작업을 할 권한이 없습니다.', 'Your role in this course does not allow this.'),

  analyticsTitle: msg('분석', 'Analytics'),
  passRate: msg('통과율', 'Pass rate'),
  mostFailed: msg('가장 많이 실패한 항목', 'Most failed check'),
  histogram: msg('점수 분포', 'Score distribution'),
  histogramDesc: msg('점수 구간별 제출 수', 'Number of submissions per score band'),
  noData: msg('아직 데이터가 없습니다.', 'No data yet.'),
  check: msg('항목', 'Check'),
  lab: msg('실습', 'Lab'),
} as const;

type Strings = typeof UI;
/** The strings of one language: plain strings, and functions that return plain strings. */
export type T = {
  [K in keyof Strings]: Strings[K] extends (...args: infer A) => Msg ? (...args: A) => string : string;
};

const cache = new Map<Lang, T>();

/** The UI strings in one language. */
export function t(lang: Lang): T {
  let out = cache.get(lang);
  if (!out) {
    out = Object.fromEntries(
      Object.entries(UI).map(([k, v]) => [
        k,
        typeof v === 'function' ? (...a: unknown[]) => (v as (...x: unknown[]) => Msg)(...a)[lang] : v[lang],
      ]),
    ) as T;
    cache.set(lang, out);
  }
  return out;
}

// The diagrams' words live with the diagrams (core/diagrams/text.ts), shared by the pages and the playground bundle.
export { DIAGRAM_TEXT, LANE_LABELS } from '../../../core/diagrams/text.ts';

/** The language of a request: `?lang=` wins, then the cookie, then Korean. */
export function langOf(query: string | undefined, cookie: string | undefined): Lang {
  if (query === 'ko' || query === 'en') return query;
  return toLang(cookie);
}
