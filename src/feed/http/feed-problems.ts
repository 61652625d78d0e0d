import { ProblemException, PROBLEM_TYPES } from '../../http';
import { RecipientNotVisible } from '../feed-audience';
import { FeedPositionBeyondHead } from '../queries/feed-position';

/**
 * `work`, with the feed's refusals as problems: a position beyond the head is a 400 naming it;
 * a recipient the caller may not see is a 404, as for one that does not exist.
 */
export async function withFeedProblems<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RecipientNotVisible) {
      throw new ProblemException({
        type: PROBLEM_TYPES.notFound,
        title: 'Recipient not found',
        status: 404,
        detail: error.message,
      });
    }
    if (!(error instanceof FeedPositionBeyondHead)) throw error;
    throw new ProblemException({
      type: PROBLEM_TYPES.validationError,
      title: 'Invalid query parameter',
      status: 400,
      detail: `${error.field} must be a position this feed has reached: at most the head position ${error.head}, got ${error.after}`,
      extensions: {
        head: error.head,
        errors: [
          { field: error.field, message: `must be at most the head position ${error.head}` },
        ],
      },
    });
  }
}
