import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError, type Post, type PostPage } from '../../api';

/** A list of posts read page by page through the API's cursor ("Load more"), newest first. */
export function usePostPages(load: (cursor?: number) => Promise<PostPage>, deps: readonly unknown[]) {
  const [posts, setPosts] = useState<Post[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const fetchPage = useCallback(async (cursor?: number) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await loadRef.current(cursor);
      if (mine !== generation.current) return;
      setPosts((shown) => (cursor === undefined ? page.results : [...shown, ...page.results.filter((p) => !shown.some((s) => s.id === p.id))]));
      setNext(page.next_cursor ?? null);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(toApiError(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void fetchPage();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return {
    posts,
    error,
    loading,
    hasMore: next !== null,
    loadMore: () => (next !== null ? fetchPage(next) : Promise.resolve()),
    reload: () => fetchPage(),
    replace: (post: Post) => setPosts((shown) => shown.map((p) => (p.id === post.id ? post : p))),
    drop: (id: number) => setPosts((shown) => shown.filter((p) => p.id !== id)),
  };
}
