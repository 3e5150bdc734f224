// The footer of every form in a dialog: Cancel on the left of the one action the form exists for.
import { Button, Group, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface FormActionsProps extends Pick<ButtonProps, 'color' | 'disabled' | 'loading'> {
  onCancel: () => void;
  children: ReactNode;
  /** Without it the action submits the form it sits in. */
  onAction?: () => void;
}

export function FormActions({ onCancel, children, onAction, ...action }: FormActionsProps) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type={onAction ? 'button' : 'submit'} onClick={onAction} {...action}>
        {children}
      </Button>
    </Group>
  );
}
