import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../api';
import { fakeServer } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { PostCard } from './PostCard';

const post: Post = {
  id: 7,
  author_name: 'Ada',
  habit: { id: 3, name: 'Morning run' },
  kind: 'note',
  milestone: '',
  text: 'Third week running',
  image_url: null,
  kudos_count: 2,
  kudosed_by_me: false,
  is_mine: false,
  is_hidden: false,
  created_at: '2026-03-10T09:00:00Z',
};

function Harness({ initial }: { initial: Post }) {
  const [shown, setShown] = useState(initial);
  return <PostCard post={shown} onChanged={setShown} onDeleted={() => {}} />;
}

describe('PostCard', () => {
  it("gives kudos and shows the server's count (others may have given some meanwhile)", async () => {
    const calls = fakeServer(() => ({ status: 200, data: { kudos_count: 5, kudosed_by_me: true } }));
    renderAt(<Harness initial={post} />);
    await userEvent.click(screen.getByRole('button', { name: 'Give kudos (2 kudos)' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Take back kudos (5 kudos)' })).toHaveAttribute('aria-pressed', 'true'));
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'posts/7/kudos/' });
  });

  it('puts the kudos back as they were when the server refuses', async () => {
    fakeServer(() => ({ status: 404, data: { error: { code: 'not_found', message: 'Post not found.' } } }));
    renderAt(<Harness initial={post} />);
    await userEvent.click(screen.getByRole('button', { name: 'Give kudos (2 kudos)' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Give kudos (2 kudos)' })).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Give kudos (2 kudos)' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('shows no kudos button of my own, only the count', () => {
    fakeServer(() => ({ status: 200 }));
    renderAt(<Harness initial={{ ...post, is_mine: true }} />);
    expect(screen.getByRole('button', { name: '2 kudos' })).toBeDisabled();
  });
});
