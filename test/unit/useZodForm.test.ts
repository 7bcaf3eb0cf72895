import { describe, expect, it } from 'vitest';
import { LoginForm } from '../../common/domain/auth';
import { ApplicantContact } from '../../common/domain/wizard';
import { fieldErrors, useZodForm } from '../../renderer/src/composables/useZodForm';

/**
 * The renderer's one way to check a form (renderer/src/composables/useZodForm.ts), with the shared
 * schemas: a field's error when it is left, all of them on submit, none while typing.
 */
describe('useZodForm', () => {
  it('shows a field’s error when it is left, not while typing, and clears it once it is right', () => {
    const form = useZodForm(LoginForm, { citizenId: '', password: '' });
    form.fields.citizenId.value = '12';
    expect(form.errors.value).toEqual({});
    form.validateField('citizenId');
    expect(Object.keys(form.errors.value)).toEqual(['citizenId']);
    expect(form.errors.value.citizenId).toMatch(/^citizenId\./);
    // The password is empty too, but the citizen has not left it yet.
    form.fields.citizenId.value = '066185000123';
    expect(form.errors.value.citizenId).toBeDefined();
    form.validateField('citizenId');
    expect(form.errors.value).toEqual({});
  });

  it('on submit shows every error at once, or hands over the schema’s output', async () => {
    const form = useZodForm(LoginForm, { citizenId: '', password: '' });
    const submitted: unknown[] = [];
    let invalid = 0;
    const submit = form.handleSubmit((v) => void submitted.push(v), () => void invalid++);
    await submit();
    expect(Object.keys(form.errors.value).sort()).toEqual(['citizenId', 'password']);
    expect(invalid).toBe(1);
    form.fields.citizenId.value = ' 066185000123 ';
    form.fields.password.value = 'Demo@2026';
    await submit();
    expect(form.errors.value).toEqual({});
    expect(submitted).toEqual([LoginForm.parse({ citizenId: ' 066185000123 ', password: 'Demo@2026' })]);
  });

  it('keeps an error the backend named until the field is checked again, and resets to empty', () => {
    const form = useZodForm(LoginForm, { citizenId: '066185000123', password: 'x' });
    form.setFieldError('password', 'wrong');
    expect(form.errors.value).toEqual({ password: 'wrong' });
    form.resetForm({ citizenId: '', password: '' });
    expect(form.errors.value).toEqual({});
    expect(form.values).toEqual({ citizenId: '', password: '' });
  });

  it('names nested fields by their dotted path and keeps the first message of each', () => {
    const r = ApplicantContact.safeParse({ phone: '', email: 'not-an-email', address: { provinceCode: '', communeCode: '', detail: '' } });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['phone', 'email', 'address.communeCode']));
    expect(Object.values(errors).every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
  });
});
