/** Charts into Slack: the three-step upload, shared where the audience can see it, re-used while unchanged. */
export {
  createChartUploader,
  describeChartFailure,
  postBytes,
  type ChartFailure,
  type ChartRequest,
  type ChartUploader,
  type ChartUploaderOptions,
  type ChartUploadResult,
  type SlackFilesClient,
  type UploadBytes,
  type UploadedChart,
} from './chart-uploader.js';
export { contentHash } from './content-hash.js';
export { destinationKey, type ChartDestination } from './destination.js';
export { slackFileImageBlock, type SlackFileImageBlock } from './image-block.js';
