export { api, ApiError, authHeaders, buildUrl, request, API_BASE } from './client';
export type { RequestOptions } from './client';
export {
  clearApiKey,
  getApiKey,
  isLoginRequired,
  setApiKey,
  setLoginRequired,
  subscribeAuth,
} from './auth';
