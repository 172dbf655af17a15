/** The whole pane on real services over an in-memory workbook, as the standalone mode runs it. */
import * as React from 'react';
import { render } from '@testing-library/react';
import { createAppServices, type CreateServicesOptions } from '../../src/app/createServices';
import { AppShell } from '../../src/taskpane/components/AppShell/AppShell';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';

export function renderPane(options: Partial<Omit<CreateServicesOptions, 'port' | 'mode'>> = {}) {
  const wb = new MemoryWorkbook();
  const services = createAppServices({ port: wb, mode: 'standalone', now: () => '2026-11-28T00:00:00Z', ...options });
  render(<AppShell services={services} preview={wb} standaloneReason="test" />);
  return { wb, services };
}
