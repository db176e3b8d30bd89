// The workshop's step04 in the console, as its README tells it: open the function, create the
// test event "test" and save it, Test (the function lists the buckets); create the add-delay
// template through the form (3 minutes, 35000 ms, the function chosen from "Add new ARN", the
// step's FIS role), start it, Test again and see the 30 s time-out; after the experiment, Test
// answers normally again.
// Usage: node lambda_steps.mjs BASE_URL OUT_DIR (the lab has step04 applied, panda "funky").
import { runSteps } from './browser.mjs';

const fn = 'funky_step04_lambda';

await runSteps('console lambda steps', async ({ page, step, api, waitFor, shot, confirmWith }, base) => {
  const test = async () => {
    await page.click('#test-function');
    await page.locator('#test-status').waitFor({ timeout: 30000 });
    return {
      status: await page.locator('#test-status').textContent(),
      response: await page.locator('#test-response').textContent(),
      log: await page.locator('#test-log').textContent(),
    };
  };

  await page.goto(`${base}/#/lambda`);
  await page.locator('#functions a', { hasText: fn }).click();
  await page.locator('#function-code pre', { hasText: 'def lambda_handler(event, context):' }).waitFor();
  await page.locator('#layers td', { hasText: 'aws-fis-extension-x86_64:9' }).waitFor();
  await page.locator('#environment td', { hasText: '/opt/aws-fis/bootstrap' }).waitFor();
  step('the function page shows its code, layer and environment');

  await page.click('#create-test-event');
  await page.fill('#test-event-name', 'test');
  await page.click('#test-event-save');
  await page.locator('#lambda-message', { hasText: 'The test event test was successfully saved.' }).waitFor();
  if ((await page.locator('#test-event-select').inputValue()) !== 'test') throw new Error('the saved event is not chosen');
  const saved = await api(`lambda/functions/${fn}`);
  if (JSON.parse(saved.TestEvents.test).key1 !== 'value1') throw new Error('the lab did not keep the test event');
  let r = await test();
  if (!r.status.includes('succeeded') || r.response.trim() !== 'null' || !r.log.includes('Hello from Lambda!') ||
      !r.log.includes('Bucket: 000000000000-eu-west-2-funky-fis-config-bucket') || !r.log.includes('REPORT RequestId:')) {
    throw new Error(`the first test did not succeed: ${JSON.stringify(r)}`);
  }
  await shot('01-lambda-test-succeeded');
  step('test event saved; Test succeeded, the log lists the bucket');

  // The experiment template, as the README builds it in FIS's console.
  await page.goto(`${base}/#/templates`);
  await page.click('#create-template');
  await page.fill('#template-description', 'Delay lambda invocation');
  await page.fill('#template-name', 'delay-lambda-funky');
  await page.click('#add-action');
  await page.fill('#action-name', 'delay_lambda');
  await page.selectOption('#action-type', 'aws:lambda:invocation-add-delay');
  await page.fill('#param-duration-value', '3');
  await page.selectOption('#param-duration-unit', 'M');
  await page.fill('#param-startupDelayMilliseconds-value', '35000');
  await page.click('#action-save');
  await page.locator('.action-card[data-name="delay_lambda"]').waitFor();
  const target = page.locator('.target-card').first();
  const targetName = await target.getAttribute('data-name');
  await target.locator('button.edit').click();
  await page.check('input[name="target-method"][value="ids"]');
  await page.selectOption('#target-add-arn', { label: fn });
  await page.click('#target-save');
  await page.selectOption('#template-role', { label: 'funky_step04_fis_iam_role' });
  await page.click('#submit-template');
  await confirmWith('create');
  await page.waitForURL(/#\/templates\/EXT[0-9A-Za-z]+$/);
  const templateId = page.url().split('/').pop();
  const t = (await api(`templates/${templateId}`)).experimentTemplate;
  const action = t.actions.delay_lambda;
  if (action.parameters.duration !== 'PT3M' || action.parameters.startupDelayMilliseconds !== '35000' ||
      t.targets[targetName].resourceArns[0] !== `arn:aws:lambda:eu-west-2:000000000000:function:${fn}` ||
      !t.roleArn.endsWith(':role/funky_step04_fis_iam_role')) {
    throw new Error(`the template is not the README's: ${JSON.stringify(t)}`);
  }
  step(`template ${templateId} created through the form`);

  await page.click('#start-experiment');
  await confirmWith('start');
  await page.waitForURL(/#\/experiments\/EXP[0-9A-Za-z]+$/);
  const experiment = page.url().split('/').pop();
  const state = async () => (await api(`experiments/${experiment}`)).experiment.state.status;
  await waitFor('the experiment to run', async () => (await state()) === 'running', 10);
  step(`experiment ${experiment} running`);

  await page.goto(`${base}/#/lambda/${fn}`);
  await page.locator('#test-event-select option[value="test"]').waitFor({ state: 'attached' });
  r = await test();
  if (!r.status.includes('failed') || !r.response.includes('"errorType": "Sandbox.Timedout"') ||
      !r.response.includes('Task timed out after 30.00 seconds')) {
    throw new Error(`Test during the experiment did not time out: ${JSON.stringify(r)}`);
  }
  await shot('02-lambda-test-timed-out');
  step('Test during the experiment: Sandbox.Timedout after 30.00 seconds');

  await waitFor('the experiment to complete', async () => (await state()) === 'completed', 60);
  await page.reload();
  await page.locator('#test-event-select option[value="test"]').waitFor({ state: 'attached' });
  r = await test();
  if (!r.status.includes('succeeded')) throw new Error(`Test after the experiment failed: ${JSON.stringify(r)}`);
  await shot('03-lambda-test-normal-again');
  step('after the experiment, Test succeeds again');
});
