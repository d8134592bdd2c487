// Electronic forms of a procedure (issue #7 item 1; O4): each form is a JSON Schema kept
// with the procedure version; intake checks the filled form against it (ajv), and an edit
// of the procedure is refused when a schema does not compile. Forms are small: the size
// of a schema and of filled data is bounded.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { errors } from '../../kernel/app-error.js';

export interface FormDefinition {
  code: string;
  titleVi: string;
  titleEn: string;
  schema: Record<string, unknown>;
}

export const MAX_SCHEMA_CHARS = 50_000;
export const MAX_FORM_DATA_CHARS = 100_000;

const ajv = new Ajv({ allErrors: false, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const compiled = new Map<string, ValidateFunction>();

function compile(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(schema);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, fn);
  }
  return fn;
}

/** Throws a 400 naming the form whose schema is not a valid JSON Schema. */
export function checkFormDefinitions(forms: readonly FormDefinition[], field: string): void {
  for (const [i, form] of forms.entries()) {
    if (JSON.stringify(form.schema).length > MAX_SCHEMA_CHARS) {
      throw errors.invalid({ vi: `Biểu mẫu ${form.code} quá lớn`, en: `Form ${form.code} is too large` }, { field: `${field}/${i}/schema` });
    }
    try {
      compile(form.schema);
    } catch (error) {
      throw errors.invalid(
        { vi: `Biểu mẫu ${form.code} không phải JSON Schema hợp lệ: ${(error as Error).message}`, en: `Form ${form.code} is not a valid JSON Schema: ${(error as Error).message}` },
        { field: `${field}/${i}/schema` },
      );
    }
  }
}

const where = (e: ErrorObject) => (e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath);

/** Checks every form of the procedure against the data given; a 400 names the first field at fault. */
export function checkFormData(forms: readonly FormDefinition[], data: Record<string, unknown>): void {
  if (JSON.stringify(data).length > MAX_FORM_DATA_CHARS) {
    throw errors.invalid({ vi: 'Dữ liệu biểu mẫu quá lớn', en: 'The form data is too large' }, { field: 'body/forms' });
  }
  for (const form of forms) {
    const validate = compile(form.schema);
    if (validate(data[form.code] ?? null)) continue;
    const first = validate.errors![0]!;
    const field = `body/forms/${form.code}${where(first)}`;
    throw errors.invalid(
      { vi: `Biểu mẫu "${form.titleVi}" chưa hợp lệ tại ${field}: ${first.message ?? ''}`, en: `Form "${form.titleEn}" is invalid at ${field}: ${first.message ?? ''}` },
      { field, keyword: first.keyword },
    );
  }
  const unknown = Object.keys(data).filter((k) => !forms.some((f) => f.code === k));
  if (unknown.length > 0) throw errors.invalid({ vi: `Thủ tục không có biểu mẫu ${unknown[0]}`, en: `The procedure has no form ${unknown[0]}` }, { field: `body/forms/${unknown[0]}` });
}
