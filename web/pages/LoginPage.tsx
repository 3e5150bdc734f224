// Log in with email and password; already signed-in people go straight to the console.
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { LogInInput } from '../../shared/schema';
import { AuthCard } from '../components/AuthCard';
import { errorMessage } from '../lib/errors';
import { zodResolver } from '../lib/zodForm';
import { useTRPC } from '../trpc';

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const me = useQuery(trpc.auth.me.queryOptions());
  const [problem, setProblem] = useState<string | null>(null);

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: zodResolver(LogInInput),
    validateInputOnBlur: true,
  });
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        void queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
        void navigate(from, { replace: true });
      },
      onError: (error) => setProblem(errorMessage(error)),
    }),
  );

  if (me.data) return <Navigate to={from} replace />;

  return (
    <AuthCard title="Log in" subtitle="Welcome back. Log in to manage your tags.">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          login.mutate(values);
        })}
      >
        <Stack gap="md">
          {problem && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} title="Could not log in">
              {problem}
            </Alert>
          )}
          <TextInput label="Email" type="email" autoComplete="email" placeholder="you@agency.com" {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" fullWidth loading={login.isPending} mt="xs">
            Log in
          </Button>
          <Text size="sm" ta="center" c="dimmed">
            New to Pixeltag?{' '}
            <Anchor component={Link} to="/signup" size="sm">
              Create an account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
