// Save-time check of regular expressions in rules. A rule runs on every page view in every
// visitor's browser, so a pattern that can backtrack catastrophically (a repeated group that
// itself repeats or alternates, like `(a+)+` or `(a|ab)*`) would freeze the visitor's page.

export const MAX_REGEX_LENGTH = 200;

interface Group {
  /** The group repeats something without bound inside, or alternates. */
  risky: boolean;
  alternates: boolean;
}

/** Why a pattern is refused, in words for the person who typed it, or null when it is safe. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `Keep the pattern under ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `This is not a valid pattern (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  const stack: Group[] = [{ risky: false, alternates: false }];
  /** Whether the last atom can be repeated without bound already (so `a++` style stacking). */
  let lastAtom: { risky: boolean } | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const top = stack[stack.length - 1] as Group;
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'Back-references (\\1, \\k<name>) are not allowed: they can make matching very slow';
      i++;
      lastAtom = { risky: false };
      continue;
    }
    if (c === '[') {
      // Skip the character class; `]` right after `[` or `[^` is a literal.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      lastAtom = { risky: false };
      continue;
    }
    if (c === '(') {
      stack.push({ risky: false, alternates: false });
      lastAtom = null;
      if (pattern[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        i++;
        if (pattern[i + 1] === '<' && pattern[i + 2] !== '=' && pattern[i + 2] !== '!') {
          i = Math.max(i, pattern.indexOf('>', i));
        } else {
          i += pattern[i + 1] === '<' ? 2 : 1;
        }
      }
      continue;
    }
    if (c === ')') {
      const closed = stack.pop() as Group;
      const parent = stack[stack.length - 1] as Group;
      lastAtom = { risky: closed.risky || closed.alternates };
      if (closed.risky) parent.risky = true;
      continue;
    }
    if (c === '|') {
      top.alternates = true;
      lastAtom = null;
      continue;
    }
    // Outside unicode mode a `{` that does not form `{n}`, `{n,}` or `{n,m}` is a literal.
    const braces = c === '{' ? /^\{\d+(,\d*)?\}/.exec(pattern.slice(i)) : null;
    const unbounded = c === '*' || c === '+' || (braces !== null && braces[1] === ',');
    if (unbounded || c === '?' || braces) {
      if (braces) i += braces[0].length - 1;
      if (pattern[i + 1] === '?') i++; // lazy quantifier: same risk
      if (unbounded && lastAtom?.risky) {
        return 'This pattern repeats a group that itself repeats or has alternatives (like (a+)+ or (a|b)*): it can take exponential time on some pages. Rewrite it without the nested repeat.';
      }
      // Any variable-length repeat inside a group makes repeating the group ambiguous.
      if (!braces || braces[1]) top.risky = true;
      continue;
    }
    lastAtom = { risky: false };
  }
  return null;
}
