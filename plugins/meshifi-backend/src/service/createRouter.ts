import express from 'express';
import Router from 'express-promise-router';

/** The meshifi status API. Every route needs a signed-in caller: the backend's default auth policy applies. */
export async function createRouter(): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  return router;
}
