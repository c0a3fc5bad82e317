import type { MantineColorScheme } from '@mantine/core';
import { SegmentedControl, useMantineColorScheme } from '@mantine/core';

const options: { label: string; value: MantineColorScheme }[] = [
  { label: 'System', value: 'auto' },
  { label: 'Light', value: 'light' },
  { label: 'Dark', value: 'dark' },
];

/** System / light / dark, remembered in localStorage by Mantine. */
export function ThemeSwitch() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      size="xs"
      aria-label="Theme"
      value={colorScheme}
      onChange={(value) => setColorScheme(value as MantineColorScheme)}
      data={options}
    />
  );
}
