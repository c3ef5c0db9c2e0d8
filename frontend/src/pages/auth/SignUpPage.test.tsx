import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuth } from '../../store/auth';
import { fakeServer, invalid } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { SignUpPage } from './SignUpPage';

describe('SignUpPage', () => {
  beforeEach(() => useAuth.setState({ user: null, tokens: null }));

  it('checks the email and password before sending', async () => {
    const calls = fakeServer(() => ({ status: 201 }));
    renderAt(<SignUpPage />, '/signup');
    await userEvent.type(screen.getByLabelText(/email/i), 'nope');
    await userEvent.type(screen.getByLabelText(/^password/i), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('shows the server’s errors on the fields they name', async () => {
    fakeServer(() => invalid({ email: ['A user with this email already exists.'], password: ['This password is too common.'] }));
    renderAt(<SignUpPage />, '/signup');
    await userEvent.type(screen.getByLabelText(/email/i), 'ann@example.com');
    await userEvent.type(screen.getByLabelText(/^password/i), 'password123');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const email = await screen.findByLabelText(/email/i);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('A user with this email already exists.');
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription('This password is too common.');
  });

  it('limits name and email to what the API accepts, but never cuts a password', () => {
    renderAt(<SignUpPage />, '/signup');
    expect(screen.getByLabelText(/^name/i)).toHaveAttribute('maxlength', '150');
    expect(screen.getByLabelText(/email/i)).toHaveAttribute('maxlength', '254');
    expect(screen.getByLabelText(/^password/i)).not.toHaveAttribute('maxlength');
  });
});
