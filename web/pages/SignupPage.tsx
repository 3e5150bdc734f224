// Create an account with its first organisation, then land in that organisation's clients.
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { SignUpInput } from '../../shared/schema';
import { AuthCard } from '../components/AuthCard';
import { errorCode, errorMessage, fieldErrors } from '../lib/errors';
import { zodResolver } from '../lib/zodForm';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';

export function SignupPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const visit = useCurrent((s) => s.visit);
  const me = useQuery(trpc.auth.me.queryOptions());
  const [problem, setProblem] = useState<string | null>(null);

  const form = useForm({
    initialValues: { name: '', email: '', password: '', orgName: '' },
    validate: zodResolver(SignUpInput),
    validateInputOnChange: true,
  });
  const signup = useMutation(
    trpc.auth.signup.mutationOptions({
      onSuccess: ({ user, orgId }) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        void queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
        visit({ orgId });
        void navigate(`/orgs/${orgId}/clients`, { replace: true });
      },
      onError: (error) => {
        const fields = fieldErrors(error);
        if (errorCode(error) === 'BAD_REQUEST' && Object.keys(fields).length) form.setErrors(fields);
        else setProblem(errorMessage(error));
      },
    }),
  );

  if (me.data) return <Navigate to="/" replace />;

  return (
    <AuthCard title="Create your account" subtitle="It takes a minute. You can invite your team afterwards.">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          signup.mutate(values);
        })}
      >
        <Stack gap="md">
          {problem && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} title="Could not create the account">
              {problem}
            </Alert>
          )}
          <TextInput label="Your name" autoComplete="name" placeholder="Alex Morgan" {...form.getInputProps('name')} />
          <TextInput label="Work email" type="email" autoComplete="email" placeholder="alex@agency.com" {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            description="At least 10 characters"
            {...form.getInputProps('password')}
          />
          <TextInput
            label="Organisation name"
            description="Your agency or company; you can add more later"
            placeholder="Morgan Digital"
            {...form.getInputProps('orgName')}
          />
          <Button type="submit" fullWidth loading={signup.isPending} mt="xs">
            Sign up
          </Button>
          <Text size="sm" ta="center" c="dimmed">
            Already have an account?{' '}
            <Anchor component={Link} to="/login" size="sm">
              Log in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
