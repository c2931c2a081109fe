// The login page.
import { Field, type FieldErrors, Form, FormErrors, Head } from "@plinth/plinth/templating";
import { loginForm } from "../forms.ts";

/** The login form, with the page to return to. */
export function LoginPage({ action, values, errors }: {
  action: string;
  values?: Record<string, string>;
  errors?: FieldErrors<typeof loginForm.fields>;
}) {
  return (
    <section class="narrow">
      <Head>
        <title>Log in</title>
      </Head>
      <h1>Log in</h1>
      <Form of={loginForm} values={values} errors={errors} action={action} id="login-form">
        <FormErrors />
        <Field name="username" autocomplete="username" />
        <Field name="password" autocomplete="current-password" />
        <button type="submit">Log in</button>
      </Form>
    </section>
  );
}
