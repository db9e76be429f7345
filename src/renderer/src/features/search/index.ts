export { GlobalSearch } from './GlobalSearch';
export { SearchIndex, type SearchResult, type SearchSource } from './search-index';
export type { SearchHit } from './search-score';
