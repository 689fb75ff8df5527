export { sendPullRequest, type SendOutcome, type SendPorts, type SendRequest, type SignIn } from './sendFlow';
export { markDraftSent, readDraftToSend, type DraftToSend, type DraftToSendOptions } from './draftToSend';
export { pullRequestHead, tokenDestination, webHostOf, type TokenDestination } from './destination';
