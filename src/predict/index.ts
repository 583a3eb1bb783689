export { Measured } from './Measured';
export { Predict } from './Predict';
export { WhatYouSaw } from './WhatYouSaw';
