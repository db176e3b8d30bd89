// The seed's console steps (step 03) in a real browser: create the template through the form,
// start it, see it complete, update the selection mode to ALL, start again, see the alarm stop it.
// Usage: node seed_steps.mjs BASE_URL OUT_DIR. Screenshots go to OUT_DIR; every request the
// page makes must stay on 127.0.0.0/8. Fails (exit 1) on any missing step, including a browser
// that cannot start.
import { runSteps } from './browser.mjs';

await runSteps('console seed steps', async ({ page, step, api, waitFor, shot, confirmWith }, base) => {
  const experimentState = () => page.locator('#experiment-state .state').first().textContent();
  await page.goto(`${base}/`);
  await page.locator('#live.on').waitFor({ timeout: 5000 });
  step('console loaded, live events connected');
  const regions = await api('regions');
  const picked = await page.locator('#region').inputValue();
  if (picked !== regions.default || !regions.regions.includes(picked)) {
    throw new Error(`the region picker shows "${picked}", the lab's default is "${regions.default}"`);
  }
  step(`region picker on ${picked} (of ${regions.regions.join(', ')})`);

  // Create the template through the form.
  await page.goto(`${base}/#/templates`);
  await page.click('#create-template');
  await page.fill('#template-description', 'Stop step03 EC2 instances');
  await page.fill('#template-name', 'step03-funky');
  const addAction = async (name, type, { startAfter, duration } = {}) => {
    await page.click('#add-action');
    await page.fill('#action-name', name);
    await page.selectOption('#action-type', type);
    if (duration) {
      await page.fill('#param-duration-value', String(duration));
      await page.selectOption('#param-duration-unit', 'M');
    }
    if (startAfter) await page.selectOption('#action-start-after', startAfter);
    await page.click('#action-save');
    await page.locator(`.action-card[data-name="${name}"]`).waitFor();
  };
  await addAction('stop-instances', 'aws:ec2:stop-instances');
  await addAction('pause', 'aws:fis:wait', { startAfter: 'stop-instances', duration: 3 });
  await addAction('stop-again', 'aws:ec2:stop-instances', { startAfter: 'pause' });
  const target = page.locator('.target-card').first();
  const targetName = await target.getAttribute('data-name');
  await target.locator('button.edit').click();
  await page.check('input[name="target-method"][value="tags"]');
  await page.click('#add-tag');
  await page.locator('.tag-key').nth(0).fill('Panda');
  await page.locator('.tag-value').nth(0).fill('funky');
  await page.click('#add-tag');
  await page.locator('.tag-key').nth(1).fill('Experiment');
  await page.locator('.tag-value').nth(1).fill('step03');
  await page.click('#add-filter');
  await page.locator('.filter-path').fill('State.Name');
  await page.locator('.filter-values').fill('running');
  await page.selectOption('#target-selection-mode', 'COUNT');
  await page.fill('#target-selection-value', '2');
  await page.click('#target-save');
  await page.selectOption('#template-role', { label: 'funky-fis-role' });
  await page.selectOption('#stop-condition', { label: 'funky-elb-alarm' });
  await page.click('#add-stop-condition');
  // The JSON view shows what the form built, and applying it back changes nothing.
  await page.click('#json-toggle');
  const shown = JSON.parse(await page.inputValue('#template-json'));
  if (shown.targets[targetName].selectionMode !== 'COUNT(2)' || shown.actions.pause.parameters.duration !== 'PT3M')
    throw new Error(`the JSON view does not show the form: ${JSON.stringify(shown)}`);
  await page.click('#json-apply');
  const again = JSON.parse(await page.inputValue('#template-json'));
  if (JSON.stringify(again) !== JSON.stringify(shown)) throw new Error('the JSON view does not round-trip');
  await shot('01-template-form');
  await page.click('#submit-template');
  await confirmWith('create');
  await page.waitForURL(/#\/templates\/EXT[0-9A-Za-z]+$/);
  const templateId = page.url().split('/').pop();
  await page.locator('#template-actions').waitFor();
  const t = (await api(`templates/${templateId}`)).experimentTemplate;
  const expect = (ok, text) => { if (!ok) throw new Error(`${text}: ${JSON.stringify(t)}`); };
  expect(t.actions.pause.actionId === 'aws:fis:wait' && t.actions.pause.parameters.duration === 'PT3M' &&
    t.actions.pause.startAfter[0] === 'stop-instances' && t.actions['stop-again'].startAfter[0] === 'pause' &&
    t.actions['stop-again'].targets.Instances === targetName && t.actions['stop-instances'].targets.Instances === targetName,
  'the template does not have the three actions');
  expect(t.targets[targetName].resourceTags.Panda === 'funky' && t.targets[targetName].resourceTags.Experiment === 'step03' &&
    t.targets[targetName].selectionMode === 'COUNT(2)', 'the target is not Panda=funky, Experiment=step03, COUNT(2)');
  expect(t.roleArn.endsWith(':role/funky-fis-role'), 'the role is not set');
  expect(t.stopConditions[0].value.endsWith(':alarm:funky-elb-alarm'), 'the stop condition is not the alarm');
  await shot('02-template-detail');
  step(`template ${templateId} created through the form`);

  // Run 1: COUNT(2) completes; the page follows it live.
  await page.click('#start-experiment');
  await confirmWith('start');
  await page.waitForURL(/#\/experiments\/EXP[0-9A-Za-z]+$/);
  const run1 = page.url().split('/').pop();
  await waitFor('run 1 running', async () => ['running', 'initiating'].includes(await experimentState()), 10);
  await page.locator('#resolved-targets td', { hasText: 'i-' }).first().waitFor({ timeout: 10000 });
  step(`run 1 (${run1}) running`);
  await waitFor('run 1 to complete', async () => (await experimentState()) === 'completed', 60);
  await shot('03-experiment-completed');
  step('run 1 completed (seen live, no reload)');

  // Back to three healthy instances; the instances page, filtered by the panda name.
  await waitFor('three instances in service', async () =>
    (await api('lbs'))[0].InstanceHealth.filter((x) => x.State === 'InService').length >= 3, 60);
  await page.goto(`${base}/#/instances`);
  await page.fill('#filter-tag', 'Panda=funky');
  await page.selectOption('#filter-state', 'running');
  await waitFor('three running funky instances listed', async () =>
    (await page.locator('#instances tbody tr', { hasText: 'running' }).count()) === 3, 15);
  await shot('04-instances');

  // Update the target's selection mode to ALL.
  await page.goto(`${base}/#/templates/${templateId}`);
  await page.click('#update-template');
  await page.locator(`.target-card[data-name="${targetName}"] button.edit`).click();
  await page.selectOption('#target-selection-mode', 'ALL');
  await page.click('#target-save');
  await page.click('#submit-template');
  await page.waitForURL(new RegExp(`#/templates/${templateId}$`));
  await page.locator('#template-targets td', { hasText: /^ALL$/ }).waitFor({ timeout: 5000 });
  step('template updated to ALL');

  // Run 2: every instance stops; the alarm stops the experiment.
  await page.click('#start-experiment');
  await confirmWith('start');
  await page.waitForURL(/#\/experiments\/EXP[0-9A-Za-z]+$/);
  const run2 = page.url().split('/').pop();
  if (run2 === run1) throw new Error('run 2 did not start a new experiment');
  await waitFor('run 2 to be stopped', async () => (await experimentState()) === 'stopped', 60);
  const reason = await page.locator('#experiment-state .reason').textContent();
  if (!/stop condition/i.test(reason)) throw new Error(`run 2 stopped for another reason: ${reason}`);
  await page.locator('#experiment-actions td .state', { hasText: 'cancelled' }).first().waitFor({ timeout: 5000 });
  await shot('05-experiment-stopped-by-alarm');
  step(`run 2 (${run2}) stopped by the alarm: ${reason}`);

  // The other pages, for the record.
  await page.goto(`${base}/#/alarms/funky-elb-alarm`);
  await page.locator('#alarm-graph svg path.line').waitFor({ timeout: 10000 });
  await page.locator('td', { hasText: 'Alarm updated from OK to ALARM' }).first().waitFor({ timeout: 5000 });
  await shot('06-alarm');
  await page.goto(`${base}/#/lbs`);
  await page.locator('table.health').first().waitFor();
  await shot('07-load-balancers');
  await page.goto(`${base}/#/groups`);
  await page.locator('section.panel h2').first().waitFor();
  await shot('08-groups');
  const report = await page.request.get(`${base}/_faultbox/experiments/${run2}/report.html`);
  if (!report.ok() || !(await report.text()).includes('<html')) throw new Error('the HTML report link does not answer');

  // A template from FIS's scenario library: AZ Availability: Power Interruption in eu-west-2b.
  await page.goto(`${base}/#/templates`);
  await page.click('#create-template');
  await page.locator('#scenario-panel').waitFor();
  await page.selectOption('#scenario', 'az-power-interruption');
  await page.fill('#scenario-az', 'eu-west-2b');
  await page.click('#scenario-use');
  // (The lab runs as root here, so it can cut the zone's subnets off: the network part is in.)
  for (const name of ['Stop-Instances', 'Stop-ASG-Instances', 'Pause-Instance-Launches', 'Pause-ASG-Scaling',
    'Pause-network-connectivity']) {
    await page.locator(`.action-card[data-name="${name}"]`).waitFor({ timeout: 5000 });
  }
  const leftOut = await page.locator('#scenario-left-out').textContent();
  if (!leftOut.includes('Failover-RDS')) throw new Error(`the left-out parts are not named: ${leftOut}`);
  await shot('09-scenario');
  await page.click('#submit-template');
  await confirmWith('create');
  await page.waitForURL(/#\/templates\/EXT[0-9A-Za-z]+$/);
  const scenarioId = page.url().split('/').pop();
  const made = (await api(`templates/${scenarioId}`)).experimentTemplate;
  if (made.actions['Pause-ASG-Scaling'].parameters.availabilityZoneIdentifiers !== 'eu-west-2b' ||
      (made.experimentOptions || {}).emptyTargetResolutionMode !== 'skip' ||
      made.targets.Subnet.parameters.availabilityZoneIdentifier !== 'eu-west-2b') {
    throw new Error(`the scenario template is not the one for eu-west-2b with empty targets skipped: ${JSON.stringify(made)}`);
  }
  step(`scenario template ${scenarioId} created from the console`);

  // aws:ssm:send-command: the document is a choice, its parameters are fields of their own.
  await page.goto(`${base}/#/templates`);
  await page.click('#create-template');
  await page.fill('#template-description', 'Stress one instance');
  await page.click('#add-action');
  await page.fill('#action-name', 'stress');
  await page.selectOption('#action-type', 'aws:ssm:send-command');
  await page.selectOption('#param-documentArn-value', { label: 'AWSFIS-Run-CPU-Stress' });
  const cpuPlaceholder = await page.getAttribute('#ssm-param-CPU', 'placeholder');
  if (cpuPlaceholder !== '0') throw new Error(`the CPU field does not show AWS's default 0: ${cpuPlaceholder}`);
  await page.fill('#ssm-param-DurationSeconds', '60');
  await page.fill('#ssm-param-CPU', '1');
  await page.fill('#param-duration-value', '2');
  await page.selectOption('#param-duration-unit', 'M');
  await page.click('#action-save');
  await page.locator('.action-card[data-name="stress"]').waitFor();
  await page.locator('.target-card').first().locator('button.edit').click();
  await page.check('input[name="target-method"][value="tags"]');
  await page.click('#add-tag');
  await page.locator('.tag-key').nth(0).fill('Panda');
  await page.locator('.tag-value').nth(0).fill('funky');
  await page.click('#target-save');
  await page.selectOption('#template-role', { label: 'funky-fis-role' });
  await shot('10-send-command');
  await page.click('#submit-template');
  await confirmWith('create');
  await page.waitForURL(/#\/templates\/EXT[0-9A-Za-z]+$/);
  const stressId = page.url().split('/').pop();
  const stress = (await api(`templates/${stressId}`)).experimentTemplate.actions.stress;
  if (!stress.parameters.documentArn.endsWith(':document/AWSFIS-Run-CPU-Stress') ||
      stress.parameters.documentParameters !== '{"DurationSeconds":"60","CPU":"1"}' ||
      stress.parameters.duration !== 'PT2M') {
    throw new Error(`the send-command template is not the one the form showed: ${JSON.stringify(stress)}`);
  }
  step(`send-command template ${stressId} created with its document's parameter fields`);

  // aws:network:disrupt-connectivity: its subnet target takes the zone as a target parameter.
  await page.goto(`${base}/#/templates`);
  await page.click('#create-template');
  await page.fill('#template-description', 'Cut a zone off');
  await page.click('#add-action');
  await page.fill('#action-name', 'cut');
  await page.selectOption('#action-type', 'aws:network:disrupt-connectivity');
  await page.fill('#param-duration-value', '2');
  await page.selectOption('#param-duration-unit', 'M');
  await page.click('#action-save');
  await page.locator('.action-card[data-name="cut"]').waitFor();
  await page.locator('.target-card').first().locator('button.edit').click();
  await page.check('input[name="target-method"][value="tags"]');
  await page.fill('#target-param-availabilityZoneIdentifier', 'eu-west-2a');
  await page.click('#target-save');
  await page.selectOption('#template-role', { label: 'funky-fis-role' });
  await shot('11-disrupt-connectivity');
  await page.click('#submit-template');
  await confirmWith('create');
  await page.waitForURL(/#\/templates\/EXT[0-9A-Za-z]+$/);
  const cutId = page.url().split('/').pop();
  const cut = (await api(`templates/${cutId}`)).experimentTemplate;
  const subnetTarget = Object.values(cut.targets)[0];
  if (subnetTarget.resourceType !== 'aws:ec2:subnet' ||
      (subnetTarget.parameters || {}).availabilityZoneIdentifier !== 'eu-west-2a') {
    throw new Error(`the subnet target is not the one the form showed: ${JSON.stringify(cut.targets)}`);
  }
  step(`disrupt-connectivity template ${cutId} created with its subnet target's zone`);
});
