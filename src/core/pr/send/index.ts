export { sendPullRequest, type SendOutcome, type SendPorts, type SendRequest, type SignIn } from './sendFlow';
export { pullRequestHead, tokenDestination, webHostOf, type TokenDestination } from './destination';
