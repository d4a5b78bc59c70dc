/**
 * Derived metrics in tasks.yaml are small formulas over a form's answers, e.g.
 * `uploaded / decisions` or `(uploaded - timely) / uploaded` or `count(articles)`. This is a
 * tiny recursive-descent parser for + - * / ( ) and count(list): enough for rates, and safe to
 * let a coordinator edit (nothing is evaluated as JavaScript).
 */
export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'field'; id: string }
  | { kind: 'count'; id: string }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula };

export function parseFormula(source: string): Formula {
  const tokens = source.match(/\d+(?:\.\d+)?|[a-z_][a-z0-9_]*|[-+*/()]|\S/gi) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (expected?: string) => {
    const token = tokens[pos++];
    if (token === undefined || (expected && token !== expected)) {
      throw new Error(expected ? `缺少“${expected}”` : '公式不完整');
    }
    return token;
  };

  function expression(): Formula {
    let left = term();
    while (peek() === '+' || peek() === '-') left = { kind: 'binary', op: take() as '+' | '-', left, right: term() };
    return left;
  }
  function term(): Formula {
    let left = factor();
    while (peek() === '*' || peek() === '/') left = { kind: 'binary', op: take() as '*' | '/', left, right: factor() };
    return left;
  }
  function factor(): Formula {
    const token = take();
    if (token === '(') {
      const inner = expression();
      take(')');
      return inner;
    }
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (token === 'count') {
      take('(');
      const id = take();
      take(')');
      return { kind: 'count', id };
    }
    if (/^[a-z_]/i.test(token)) return { kind: 'field', id: token };
    throw new Error(`无法识别“${token}”`);
  }

  const formula = expression();
  if (pos < tokens.length) throw new Error(`多余的“${tokens[pos]}”`);
  return formula;
}

/** Field ids a formula reads, split by how it reads them. */
export function formulaInputs(formula: Formula): { fields: string[]; lists: string[] } {
  switch (formula.kind) {
    case 'number':
      return { fields: [], lists: [] };
    case 'field':
      return { fields: [formula.id], lists: [] };
    case 'count':
      return { fields: [], lists: [formula.id] };
    case 'binary': {
      const a = formulaInputs(formula.left);
      const b = formulaInputs(formula.right);
      return { fields: [...a.fields, ...b.fields], lists: [...a.lists, ...b.lists] };
    }
  }
}

/**
 * The formula's value, or null when it cannot be computed: a missing answer, or a division by
 * zero (a rate over no cases is "not applicable", not a miss).
 */
export function evaluate(formula: Formula, answers: Record<string, unknown>): number | null {
  switch (formula.kind) {
    case 'number':
      return formula.value;
    case 'field': {
      const value = answers[formula.id];
      return typeof value === 'number' ? value : null;
    }
    case 'count': {
      const value = answers[formula.id];
      return Array.isArray(value) ? value.length : null;
    }
    case 'binary': {
      const left = evaluate(formula.left, answers);
      const right = evaluate(formula.right, answers);
      if (left === null || right === null) return null;
      switch (formula.op) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? null : left / right;
      }
    }
  }
}
