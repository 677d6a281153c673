/**
 * The YAML parser explains a syntax error in English. The Korean page says the same in Korean: the reasons a
 * learner meets in practice, matched by their start (some end in the character found). A reason not listed here
 * keeps its English words, quoted as the parser's own, after a Korean sentence.
 */
const KO_REASONS: ReadonlyArray<readonly [prefix: string, ko: string]> = [
  ['bad indentation of a mapping entry', '매핑 항목의 들여쓰기가 맞지 않습니다'],
  ['bad indentation of a sequence entry', '목록 항목(-)의 들여쓰기가 맞지 않습니다'],
  ['deficient indentation', '들여쓰기가 부족합니다'],
  ['tab characters must not be used in indentation', '들여쓰기에 탭 문자를 쓸 수 없습니다. 공백으로 들여 쓰세요'],
  [
    'end of the stream or a document separator is expected',
    '여기서 문서가 끝나야 합니다. 들여쓰기나 콜론(:)을 확인하세요',
  ],
  [
    'can not read a block mapping entry; a multiline key may not be an implicit key',
    '매핑 항목을 읽을 수 없습니다. 키 뒤에 콜론(:)이 빠졌거나 키가 여러 줄에 걸쳐 있습니다',
  ],
  ['a whitespace character is expected after the key-value separator', '콜론(:) 뒤에 공백이 있어야 합니다'],
  ['missed comma between flow collection entries', '[ ]나 { } 안의 항목 사이에 쉼표가 빠졌습니다'],
  ['unexpected end of the stream within a flow collection', '[ ]나 { }가 닫히지 않은 채 끝났습니다'],
  ['unexpected end of the stream within a double quoted scalar', '큰따옴표(")가 닫히지 않았습니다'],
  ['unexpected end of the document within a double quoted scalar', '큰따옴표(")가 닫히지 않았습니다'],
  ['unexpected end of the stream within a single quoted scalar', "작은따옴표(')가 닫히지 않았습니다"],
  ['unexpected end of the document within a single quoted scalar', "작은따옴표(')가 닫히지 않았습니다"],
  ['expected the node content, but found', '값이 있어야 할 자리에 다른 문자가 있습니다'],
  ['unknown escape sequence', '알 수 없는 이스케이프 문자(\\…)입니다'],
  ['duplicated mapping key', '같은 키가 두 번 나옵니다'],
  ['the stream contains non-printable characters', '출력할 수 없는 문자가 들어 있습니다'],
  ['expected valid JSON character', 'JSON에서 쓸 수 없는 문자입니다'],
  ['a line break is expected', '여기서 줄이 바뀌어야 합니다'],
];

/** The parser's reason in Korean, or undefined when it is not one of the listed ones. */
export function koreanReason(reason: string): string | undefined {
  return KO_REASONS.find(([prefix]) => reason.startsWith(prefix))?.[1];
}
